/* parity: the command-line tool. main() only dispatches through the command table. */
#include <string.h>

#include "cli.h"
#include "cmd_cluster.h"

static int cmd_help(int argc, char **argv);

static const cli_command commands[] = {
    {"check", "audit drafts and report the findings", cmd_check},
    {"diff", "compare the findings of two versions of a draft", cmd_diff},
    {"rules", "list, show, test, lint or document the rules", cmd_rules},
    {"explain", "what a rule looks for, why, and its legal basis", cmd_explain},
    {"inventory", "the review inventory: provisions to amend, as Word, CSV, Markdown or JSON", cmd_inventory},
    {"eval", "score the rules on annotated drafts: precision, recall, F1, misses", cmd_eval},
    {"plan", "list a corpus into N balanced shards for a cluster run", cmd_plan},
    {"merge", "merge the shard files of a planned run into one report", cmd_merge},
    {"extract", "print a document's normalized text and legal tree, as rules see them", cmd_extract},
    {"version", "show the version of parity and its libraries", cmd_version},
    {"help", "show this help", cmd_help},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int cmd_help(int argc, char **argv)
{
    /* `parity help plan` is `parity plan --help`, for every command. */
    for (size_t i = 0; argc > 1 && i < NCOMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) == 0 && commands[i].run != cmd_help) {
            char *args[] = {argv[1], (char *)"--help", NULL};
            return commands[i].run(2, args);
        }
    }
    printf("usage: parity <command> [options] [arguments]\n\n"
           "parity audits draft legal documents for provisions that keep women from equal\n"
           "opportunity in appointment to leadership posts, training and recruitment\n"
           "(Luật Bình đẳng giới 73/2006/QH11), citing each as 'điểm a khoản 2 Điều 5'.\n\n"
           "commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        printf("  %-10s %s\n", commands[i].name, commands[i].summary);
    printf("\n'parity <command> --help' describes a command. Example:\n"
           "  parity check du-thao.docx\n");
    return EXIT_CLEAN;
}

int cmd_version(int argc, char **argv)
{
    char deps[256];
    (void)argc;
    (void)argv;
    parity_dependencies(deps, sizeof(deps));
    printf("parity %s (%s)\n", parity_version(), deps);
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    parity_init();
    if (argc < 2)
        return cmd_help(argc, argv), EXIT_USAGE;
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    else if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        name = "version";
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
