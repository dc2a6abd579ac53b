/* main.c - the command line: GNU-style options, then one mode.
 *
 *   plantype [OPTION]... EDITION.xml           typeset into out/EDITION.pdf
 *   plantype --check [OPTION]... EDITION.xml   validate, print a summary
 *
 * Options are parsed with getopt_long, so they behave as in coreutils:
 * "--opt=value" and "--opt value", long options abbreviated to any unique
 * prefix, options and operands in any order, "--" ends the options. A mode
 * (action) is chosen by its long option; each mode is one row of the mode
 * table below and one entry function in a file of its own (see cmd.h).
 *
 * Exit status: 0 success, 1 I/O or internal error, 2 invalid input or a
 * wrong command line (see base.h). Every error is printed once, here, as
 * "plantype: file:line: <elem>: what".
 *
 * Messages are translated by gettext (see base.h): the locale comes from the
 * environment (LANG, LC_ALL, LC_MESSAGES) for messages and character type
 * only, so numbers are read and written the same in every locale; the
 * catalog is looked up in the data folder's locale/. */
#include "base.h"
#include "cmd.h"
#include "memory.h"
#include "pdf_flate.h"

#include <getopt.h>
#include <locale.h>
#include <string.h>

/* A mode: its option, what it takes and the function that does it. */
typedef struct mode {
    const char *option;      /* the long option choosing it; NULL for the default */
    const char *operands;    /* its operands, for the usage lines */
    int min_operands, max_operands;
    int (*run)(pt_ctx *ctx, const pt_cmd *cmd);
    const char *help;        /* its line in --help */
} mode;

/* Row 0 is the default mode. Add a mode with one row. */
static const mode modes[] = {
    { NULL, "EDITION.xml", 1, 1, pt_cmd_typeset, N_("typeset EDITION.xml into a PDF (the default)") },
    { "check", "EDITION.xml", 1, 1, pt_cmd_check,
      N_("list every problem of the edition (FILE:LINE:COL: error|warning: ... [rule]), write nothing") },
    { "new-year", "EDITION.xml -o NEW.xml", 1, 1, pt_cmd_newyear,
      N_("write next year's edition, the year's cells to be filled") },
    { "export", "csv|json EDITION.xml", 2, 2, pt_cmd_export,
      N_("write the indicator table (CSV or JSON) to -o FILE or stdout") },
    { "import", "TABLE.csv EDITION.xml -o NEW.xml", 2, 2, pt_cmd_import,
      N_("write the edition with the table's values and texts") },
    { "verify", "FILE.pdf", 1, 1, pt_cmd_verify,
      N_("typeset the sources inside FILE.pdf again and compare: exactly the same?") },
    { "extract", "FILE.pdf [DIR]", 1, 2, pt_cmd_extract,
      N_("write the edition and layout inside FILE.pdf into DIR (default .)") },
    { "draft", "EDITION.xml", 1, 1, pt_cmd_draft,
      N_("typeset a proof: every problem as a comment where it is, their list in front") },
};
enum { NMODES = sizeof modes / sizeof modes[0] };

/* The options every mode shares. A mode's own option gets the value
 * OPT_MODE + its row. */
enum { OPT_LAYOUT = 256, OPT_FINAL, OPT_DIFF, OPT_BOM, OPT_NO_SOURCES, OPT_FORCE, OPT_MODE = 512 };
static const struct option general_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "layout", required_argument, NULL, OPT_LAYOUT },
    { "final", no_argument, NULL, OPT_FINAL },
    { "diff", required_argument, NULL, OPT_DIFF },
    { "no-sources", no_argument, NULL, OPT_NO_SOURCES },
    { "force", no_argument, NULL, OPT_FORCE },
    { "quiet", no_argument, NULL, 'q' },
    { "bom", no_argument, NULL, OPT_BOM },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
};
enum { NGENERAL = sizeof general_options / sizeof general_options[0] };
static const char short_options[] = "o:qhV";

static void print_help(void)
{
    printf(_("Usage: plantype [OPTION]... %s\n"), modes[0].operands);
    for (int i = 1; i < NMODES; i++)
        printf(_("  or:  plantype --%s [OPTION]... %s\n"), modes[i].option, modes[i].operands);
    fputs(_("Typeset a yearly action-plan progress report (進行管理表) from its XML\n"
            "edition into a paginated A4 PDF.\n"
            "\n"
            "Actions (at most one; without one, plantype typesets):\n"), stdout);
    for (int i = 1; i < NMODES; i++)
        printf("      --%-12s  %s\n", modes[i].option, _(modes[i].help));
    fputs(_("\n"
            "Options:\n"
            "  -o, --output=FILE   write the PDF to FILE, '-' for standard output\n"
            "                      (default: out/NAME.pdf for NAME.xml; folders are created)\n"
            "      --layout=FILE   the layout (default: layouts/a4-report.xml of the data)\n"
            "      --final         the official print: an incomplete card is an error\n"
            "      --diff=OLD      --check, --draft: what changed since OLD (an edition)\n"
            "  -q, --quiet         no summary line after a successful run\n"
            "      --bom           --export csv: begin with a byte-order mark (for Excel)\n"
            "  -h, --help          display this help and exit\n"
            "  -V, --version       output version information and exit\n"), stdout);
    fputs(_("      --no-sources    leave the edition and layout out of the PDF (PDF/A-2a\n"
            "                      instead of PDF/A-3a with them attached)\n"
            "      --force         --extract: replace files that exist\n"), stdout);
    fputs(_("\n"
            "Environment:\n"
            "  PLANTYPE_DATA       the folder holding fonts/, input/ and layouts/\n"
            "  SOURCE_DATE_EPOCH   the PDF's creation date (seconds since 1970)\n"
            "  PLANTYPE_TIMES      print the time of each phase to stderr\n"
            "  LANG, LC_MESSAGES   the language of messages (ja_JP.UTF-8: Japanese)\n"
            "\n"
            "Exit status: 0 success, 1 I/O or internal error, 2 invalid input or usage.\n"),
          stdout);
}

static void print_version(void)
{
    printf("plantype %s\n", PT_VERSION);
    fputs(_("Fonts: BIZ UDGothic, SIL Open Font License 1.1.\n"), stdout);
}

/* A wrong command line: the message (when given), the hint, status 2. */
static int usage_error(const char *fmt, const char *arg)
{
    if (fmt) {
        fputs("plantype: ", stderr);
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
    }
    fputs(_("Try 'plantype --help' for more information.\n"), stderr);
    return PT_EXIT_INVALID;
}

int main(int argc, char **argv)
{
    struct option options[NGENERAL + NMODES + 1];
    int n = 0;
    for (int i = 0; i < NGENERAL; i++)
        options[n++] = general_options[i];
    for (int i = 1; i < NMODES; i++)
        options[n++] = (struct option){ modes[i].option, no_argument, NULL, OPT_MODE + i };
    options[n] = (struct option){ 0 };

    pt_memory_setup();
    pt_flate_setup();

    pt_ctx ctx;
    pt_ctx_init(&ctx);
    setlocale(LC_MESSAGES, "");
    setlocale(LC_CTYPE, "");
    char locale_dir[sizeof ctx.datadir + 16];
    snprintf(locale_dir, sizeof locale_dir, "%s/locale", pt_datadir(&ctx));
    bindtextdomain("plantype", locale_dir);
    bind_textdomain_codeset("plantype", "UTF-8");
    textdomain("plantype");

    /* getopt_long names the program by argv[0] in its messages
     * ("plantype: unrecognized option '--bogus'"), whatever path ran it. */
    argv[0] = (char *)"plantype";
    pt_cmd cmd = { 0 };
    int m = 0;
    int c;
    while ((c = getopt_long(argc, argv, short_options, options, NULL)) != -1) {
        switch (c) {
        case 'o': cmd.output = optarg; break;
        case OPT_LAYOUT: cmd.layout = optarg; break;
        case OPT_FINAL: cmd.final = true; break;
        case OPT_DIFF: cmd.diff = optarg; break;
        case OPT_NO_SOURCES: cmd.no_sources = true; break;
        case OPT_FORCE: cmd.force = true; break;
        case 'q': cmd.quiet = true; break;
        case OPT_BOM: cmd.bom = true; break;
        case 'h': print_help(); return PT_EXIT_OK;
        case 'V': print_version(); return PT_EXIT_OK;
        default:
            if (c < OPT_MODE || c >= OPT_MODE + NMODES)
                return usage_error(NULL, NULL);  /* getopt_long said what */
            if (m && m != c - OPT_MODE) {
                fprintf(stderr, _("plantype: --%s and --%s cannot be used together\n"),
                        modes[m].option ? modes[m].option : "",
                        modes[c - OPT_MODE].option ? modes[c - OPT_MODE].option : "");
                return usage_error(NULL, NULL);
            }
            m = c - OPT_MODE;
        }
    }
    cmd.operands = argv + optind;
    cmd.noperands = argc - optind;
    if (cmd.noperands < modes[m].min_operands)
        return usage_error(_("missing operand: %s"), modes[m].operands);
    if (cmd.noperands > modes[m].max_operands)
        return usage_error(_("extra operand '%s'"), cmd.operands[modes[m].max_operands]);

    int status = modes[m].run(&ctx, &cmd);
    if (status != PT_EXIT_OK && ctx.err[0])   /* --check's findings were its message */
        fprintf(stderr, "plantype: %s\n", ctx.err);
    return status;
}
