# rules/REFERENCE.md must be what `parity rules doc --lang vi` prints for the
# built-in packs. Run as: cmake -DPARITY=<parity> -DREFERENCE=<REFERENCE.md>
#                               -DOUTPUT=<scratch file> -P reference.cmake
execute_process(COMMAND ${PARITY} rules doc --lang vi
                OUTPUT_VARIABLE generated RESULT_VARIABLE rc ERROR_VARIABLE errors)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "`parity rules doc --lang vi` failed (exit ${rc}): ${errors}")
endif()
if(NOT EXISTS ${REFERENCE})
  set(committed "")
else()
  file(READ ${REFERENCE} committed)
endif()
if(NOT generated STREQUAL committed)
  file(WRITE ${OUTPUT} "${generated}")
  message(FATAL_ERROR
    "rules/REFERENCE.md is out of date with the rules it documents.\n"
    "Regenerate it from the build tree and commit it:\n"
    "  ${PARITY} rules doc --lang vi > ${REFERENCE}\n"
    "(what it should hold is in ${OUTPUT}; compare with: diff ${REFERENCE} ${OUTPUT})")
endif()
