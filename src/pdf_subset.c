/* pdf_subset.c - the embedded font programs, on a thread (see pdf_subset.h).
 *
 * Approach. One thread makes every program in turn with its own compressor
 * and its own pt_ctx (the caller's is busy on the main thread); the first
 * failure stops it and its message is handed over in pt_subset_wait. The
 * thread reads only the job's inputs and the face's hb_face (HarfBuzz faces
 * may be read from several threads), and writes only the jobs' results.
 * When the thread cannot be started the same work runs in line. */
#include "pdf_subset.h"
#include "pdf_flate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>

struct pt_subsetter {
    pt_subset_job *jobs;
    size_t n;
    int level;
    pt_ctx ctx;           /* the thread's own: its error, if any */
    bool ok;
    bool threaded;
    pthread_t thread;
};

/* The program of one face cut to job's glyphs, with its twins; NULL with
 * ctx->err set. */
static hb_blob_t *subset_program(pt_ctx *ctx, const pt_subset_job *job)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        pt_fail(ctx, _("out of memory while subsetting %s"), pt_font_display_name(job->font));
        return NULL;
    }
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    for (size_t i = 0; i < job->ngids; i++)
        hb_set_add(glyphs, job->gids[i]);
    for (size_t i = 0; i < job->ntwins; i++)
        hb_set_add(glyphs, job->twins[i].gid);     /* a twin's component */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
    /* Layout and vertical tables are of no use to a PDF reader, nor is cmap:
     * a CIDFontType2 reaches its glyphs through CIDToGIDMap (ISO 32000-1
     * 9.7.4.2), and the text through ToUnicode. Without cmap r6 is 7.5 KB
     * smaller; poppler renders the same pixels, and poppler, MuPDF and
     * pdf.js extract the same text (tests/text_test.sh). */
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
        HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('m', 'e', 't', 'a'),
        HB_TAG('c', 'm', 'a', 'p'),
    };
    hb_set_t *drop_set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(drop_set, drop[i]);
    hb_face_t *sub = hb_subset_or_fail(pt_font_face(job->font), in);
    hb_subset_input_destroy(in);
    if (!sub) {
        pt_fail(ctx, _("%s: HarfBuzz could not subset the font"), pt_font_path(job->font));
        return NULL;
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        pt_fail(ctx, _("%s: HarfBuzz could not subset the font"), pt_font_path(job->font));
        return NULL;
    }
    if (job->ntwins == 0)
        return blob;
    hb_blob_t *with_twins = pt_twin_program(ctx, blob, pt_font_path(job->font), job->nglyphs,
                                            job->twins, job->ntwins);
    hb_blob_destroy(blob);
    return with_twins;
}

static void *run(void *arg)
{
    pt_subsetter *s = arg;
    pt_flate *f = pt_flate_new(s->level);
    s->ok = f != NULL;
    if (!f)
        pt_fail(&s->ctx, _("PDF writer: out of memory for the compressor"));
    for (size_t i = 0; i < s->n && s->ok; i++) {
        pt_subset_job *job = &s->jobs[i];
        if (job->ngids == 0 && job->ntwins == 0)
            continue;
        hb_blob_t *blob = subset_program(&s->ctx, job);
        pt_font_drop_pages(job->font);
        if (!blob) {
            s->ok = false;
            break;
        }
        unsigned len = 0;
        const char *data = hb_blob_get_data(blob, &len);
        job->length = len;
        s->ok = pt_flate_compress(f, data, len, &job->z);
        if (!s->ok)
            pt_fail(&s->ctx, _("out of memory while subsetting %s"),
                    pt_font_display_name(job->font));
        hb_blob_destroy(blob);
    }
    pt_flate_free(f);
    return NULL;
}

pt_subsetter *pt_subset_start(pt_subset_job *jobs, size_t n, int level)
{
    pt_subsetter *s = pt_xcalloc(1, sizeof *s);
    s->jobs = jobs;
    s->n = n;
    s->level = level;
    pt_ctx_init(&s->ctx);
    s->threaded = pthread_create(&s->thread, NULL, run, s) == 0;
    if (!s->threaded)
        run(s);
    return s;
}

bool pt_subset_wait(pt_ctx *ctx, pt_subsetter *s)
{
    if (s->threaded)
        pthread_join(s->thread, NULL);
    bool ok = s->ok;
    if (!ok) {
        memcpy(ctx->err, s->ctx.err, sizeof ctx->err);
        ctx->status = s->ctx.status;
    }
    free(s);
    return ok;
}

void pt_subset_job_free(pt_subset_job *job)
{
    free(job->gids);
    job->gids = NULL;
    pt_buf_free(&job->z);
}
