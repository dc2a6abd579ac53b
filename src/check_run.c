/* check_run.c - `plantype --check`: every finding of an edition in one pass.
 *
 * The edition is read and loaded (a file the loader refuses gives that one
 * finding: nothing else can be checked without the model), then the data and
 * text rules run over the model, then the layout is loaded: characters its
 * fonts lack are findings, and when there are none the report is laid out
 * (not written) so that what fitting did to a card becomes a finding too.
 * The findings are sorted by place and printed; see findings.h. */
#include "check_run.h"

#include "check.h"
#include "diff.h"
#include "pdf_read.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The loader's one message "file:line: rest" as a finding. */
static void load_failure(pt_findings *f, const char *file, const char *err)
{
    size_t n = strlen(file);
    int line = 0;
    const char *msg = err;
    if (!strncmp(err, file, n) && err[n] == ':') {
        char *end;
        line = (int)strtol(err + n + 1, &end, 10);
        msg = *end == ':' ? end + 1 : err + n + 1;
        while (*msg == ' ')
            msg++;
    }
    pt_finding_add(f, PT_ERROR, "load", file, line, 0, "%s", msg);
}

/* Characters of the edition that a face of the layout lacks: one finding per
 * character, at its first place, saying how often else it occurs. */
static void check_coverage(pt_check *c, const pt_layout *L)
{
    int n;
    const pt_text_ref *texts = pt_check_texts(c, &n);
    pt_font *fonts[2] = { L->regular, L->bold };
    PT_VEC(uint32_t) seen = {0};
    for (int k = 0; k < n; k++) {
        const char *s = texts[k].text;
        size_t len = strlen(s), i = 0;
        while (i < len) {
            size_t at = i;
            int32_t cp = pt_utf8_decode(s, len, &i);
            if (cp < 0x20)
                continue;
            int face = -1;
            for (int j = 0; j < 2 && face < 0; j++)
                if (!pt_font_has_char(fonts[j], (uint32_t)cp))
                    face = j;
            if (face < 0)
                continue;
            size_t known = 0;
            while (known < seen.n && seen.v[known] != (uint32_t)cp)
                known++;
            if (known < seen.n)
                continue;
            PT_PUSH(seen, (uint32_t)cp);
            char ch[5] = {0};
            pt_utf8_encode((uint32_t)cp, ch);
            int more = 0;   /* later occurrences */
            for (int m = k; m < n; m++)
                for (const char *p = texts[m].text + (m == k ? i : 0); (p = strstr(p, ch)); p++)
                    more++;
            pt_check_at(c, &texts[k], at, "font-coverage", _("character U+%04X (%s) is not in %s "
                        "(%s)%s"), (unsigned)cp, ch, pt_font_display_name(fonts[face]),
                        pt_font_path(fonts[face]),
                        more ? pt_sprintf(c->arena, "; %d more time%s after this", more,
                                          more == 1 ? "" : "s") : "");
        }
    }
    free(seen.v);
}

/* A warning of the layout, "card 9-1: line spacing …" or "project 2: …", as
 * a finding on that card or project. The incomplete-card warning is the
 * incomplete-card rule's already. */
static void layout_warning(pt_check *c, const char *msg)
{
    if (strstr(msg, "is incomplete"))
        return;
    const pt_report *r = c->r;
    int line = pt_src_line_of(c->src, "<report ");
    const pt_card *card = NULL;
    char no[32];
    int pno;
    if (sscanf(msg, "card %31[0-9-]:", no) == 1) {
        for (int i = 0; i < r->ncards && !card; i++)
            if (!strcmp(r->cards[i]->no, no))
                card = r->cards[i];
        if (card)
            line = card->line;
    } else if (sscanf(msg, "project %d:", &pno) == 1) {
        char tag[64];
        snprintf(tag, sizeof tag, "<project no=\"%d\"", pno);
        int l = pt_src_line_of(c->src, tag);
        if (l)
            line = l;
    }
    pt_finding *f = pt_finding_add(c->out, PT_WARNING, "fit", r->file, line, 0, "%s", msg);
    f->card = card ? card->no : NULL;
}

/* Lays the report out without writing it; its warnings become findings. */
static bool check_layout(pt_ctx *ctx, pt_check *c, const char *layout_path)
{
    pt_arena *la = pt_arena_new();
    pt_layout *L = pt_layout_load(ctx, la, layout_path);
    if (!L) {
        pt_arena_free(la);
        return false;
    }
    size_t before = c->out->v.n;
    check_coverage(c, L);
    pt_layout_free(L);
    pt_arena_free(la);
    if (c->out->v.n > before)
        return true;   /* the layout would stop at the first missing character */

    char *log = NULL;
    size_t loglen = 0;
    FILE *mem = open_memstream(&log, &loglen);
    if (!mem)
        return pt_fail(ctx, _("cannot capture the layout's warnings"));
    FILE *saved = ctx->warn;
    ctx->warn = mem;
    pt_arena *arena = pt_arena_new();
    pt_doc doc = {0};
    pt_layout *L2 = NULL;
    bool ok = pt_typeset_doc(ctx, c->r, layout_path, arena, &doc, &L2);
    ctx->warn = saved;
    fclose(mem);
    for (char *line = log, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        layout_warning(c, !strncmp(line, "plantype: ", 10) ? line + 10 : line);
    }
    free(log);
    if (!ok && ctx->status == PT_EXIT_INVALID)
        pt_finding_add(c->out, PT_ERROR, "layout", c->r->file, 0, 0, "%s", ctx->err);
    pt_doc_free(&doc);
    pt_layout_free(L2);
    pt_arena_free(arena);
    return ok || ctx->status == PT_EXIT_INVALID;
}

/* The previous draft for --diff: an edition XML, or a PDF plantype wrote with
 * its sources inside (the first attached file is the edition, as --verify
 * takes it). NULL with ctx->err when it cannot be read. */
static pt_report *load_old(pt_ctx *ctx, pt_arena *arena, const char *path)
{
    size_t n = strlen(path);
    if (n < 4 || strcasecmp(path + n - 4, ".pdf"))
        return pt_report_load(ctx, arena, path);
    char *data = NULL;
    size_t len = 0;
    pt_archived ar;
    pt_report *r = NULL;
    if (pt_archived_load(ctx, arena, path, &data, &len, &ar))
        r = pt_report_parse(ctx, arena, path, ar.sources[0].data, ar.sources[0].len);
    free(data);
    return r;
}

int pt_check_edition(pt_ctx *ctx, pt_arena *arena, const char *path, const char *layout_path,
                     bool final, const char *old, pt_findings *out, pt_report **report)
{
    size_t len;
    char *data = pt_read_file(ctx, path, &len);
    if (!data)
        return PT_EXIT_IO;
    int status = PT_EXIT_OK;
    pt_report *r = pt_report_parse(ctx, arena, path, data, len);
    if (report)
        *report = r;
    if (!r) {
        if (ctx->status != PT_EXIT_INVALID)
            status = PT_EXIT_IO;
        else {
            load_failure(out, path, ctx->err);
            ctx->err[0] = 0;   /* said once, as the finding */
        }
    } else {
        pt_src src;
        pt_src_init(&src, data, len);
        pt_eras eras;
        pt_check c = { .arena = arena, .r = r, .src = &src, .out = out, .final = final,
                       .eras = &eras };
        if (!pt_eras_load(ctx, arena, &eras)) {
            status = ctx->status ? ctx->status : PT_EXIT_IO;
        } else {
            pt_check_data(&c);
            pt_check_text(&c);
            if (old) {
                pt_report *o = load_old(ctx, arena, old);
                if (!o) {
                    pt_err_prefix(ctx, "--diff: ");
                    status = ctx->status ? ctx->status : PT_EXIT_IO;
                } else {
                    pt_diff(&c, o, old);
                }
            }
            if (!check_layout(ctx, &c, layout_path))
                status = PT_EXIT_IO;
        }
        pt_src_free(&src);
    }
    free(data);
    pt_findings_sort(out);
    if (status == PT_EXIT_OK && out->nerrors)
        status = PT_EXIT_INVALID;
    return status;
}
