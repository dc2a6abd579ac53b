/* pdf_subset.c - the embedded font programs, as tasks (see pdf_subset.h).
 *
 * Approach. A task makes one program with the compressor of the thread that
 * runs it and records its failure in its own pt_ctx (the caller's is busy on
 * the main thread). It reads only the job's inputs and the face's hb_face
 * (HarfBuzz faces may be read from several threads) and writes only the
 * job's results. Once a face is subset, its file's pages are given back
 * (pt_font_drop_pages). */
#include "pdf_subset.h"

#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>


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
    hb_face_t *program = pt_font_program_face(ctx, job->font);
    if (!program) {
        hb_subset_input_destroy(in);
        return NULL;
    }
    hb_face_t *sub = hb_subset_or_fail(program, in);
    hb_subset_input_destroy(in);
    hb_face_destroy(program);
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

void pt_subset_run(void *arg, int who)
{
    (void)who;
    pt_subset_job *job = arg;
    pt_ctx_init(&job->ctx);
    job->ok = true;
    if (job->ngids == 0 && job->ntwins == 0)
        return;
    job->program = subset_program(&job->ctx, job);
    pt_font_drop_pages(job->font);
    if (!job->program) {
        job->ok = false;
        return;
    }
    unsigned len = 0;
    const char *data = hb_blob_get_data(job->program, &len);
    job->length = len;
    job->zt = (pt_flate_task){.by = job->by, .data = data, .len = len};
    pt_work_add_urgent(job->work, pt_flate_task_run, &job->zt);
}

void pt_subset_job_free(pt_subset_job *job)
{
    free(job->gids);
    job->gids = NULL;
    hb_blob_destroy(job->program);     /* NULL is fine */
    job->program = NULL;
    pt_buf_free(&job->zt.z);
}
