/* pdf_struct.c - the structure tree of a tagged PDF (pdf_struct.h).
 *
 * Approach. libharu writes no structure, so the objects are made with its
 * exported internals, as out_pdf.c makes its fonts (see the PDF structure
 * notes: PDF/UA-1 through libharu). While the backend writes page content it
 * only records: for each page the element owning each MCID (MCIDs count from
 * 0 per page in content order), for each element its marked-content
 * references (page, MCID) in content order and its link annotations. Then
 * pt_pdfs_write creates, in one go:
 *   StructTreeRoot  /K the Document element, /ParentTree, /ParentTreeNextKey
 *   StructElem      /S role, /P parent, /Pg the page of its first content,
 *                   /K [MCIDs on /Pg as integers, MCR dicts for other pages,
 *                   OBJR dicts for annotations, then the child elements],
 *                   /A <</O /Table /Scope /Column /ColSpan 2>> for cells,
 *                   /Alt for figures, /T for sections
 *   ParentTree      /Nums [page i -> [owner of MCID 0, 1, ...]; then one key
 *                   per annotation -> its Link element]; keys ascend
 *   page            /StructParents i, /Tabs /S (tab order = structure order)
 *   annotation      /StructParent key, /Contents (what the link leads to)
 *   catalog         /MarkInfo <</Marked true>>, /StructTreeRoot
 * Every role is a standard structure type, so no RoleMap is needed. The
 * optional /Type /StructElem is left out (18 bytes an element; readers and
 * Preflight do not need it).
 *
 * Compactly. An element is a small object and a report has thousands
 * (2,682 in r6), so its frequent entries (/S /P /Pg /K) are written in the
 * shortest form, "/S/TD/P 371 0 R/Pg 16 0 R/K 4" (a single kid without an
 * array), by a write hook of the dictionary (libharu would write
 * "/S /TD\n/P 371 0 R\n/Pg 16 0 R\n/K [ 4 ]\n"); the rare entries (/Alt,
 * /T, /A) stay libharu's. That saves 11 bytes an element. Object streams
 * would save more, but libharu cannot write them (its writer makes the
 * cross-reference table). */
#include "pdf_struct.h"
#include "pdf_obj.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_MCIDS = 32767 };   /* a page's ParentTree array: libharu's array limit */

typedef struct mc_ref { int page, mcid; } mc_ref;
typedef PT_VEC(int) int_vec;
typedef struct annot_ref { int page, elem; HPDF_Dict a; } annot_ref;

typedef struct selem {
    pt_struct_elem e;         /* kids copied to the heap */
    int parent;
    PT_VEC(mc_ref) mcs;
    HPDF_Dict obj;            /* while writing */
    pt_buf body;              /* its /S /P /Pg /K, written by write_body */
} selem;

/* The /A dictionaries of table cells, one shared object per kind of cell
 * (header scope, columns spanned) rather than one inline copy per cell. */
typedef struct attr_obj { pt_role role; pt_scope scope; int colspan; HPDF_Dict obj; } attr_obj;

struct pt_pdfs {
    selem *el;
    size_t n;
    PT_VEC(attr_obj) attrs;
    PT_VEC(int_vec *) owners;      /* per page: the element of each MCID (NULL: none) */
    PT_VEC(annot_ref) annots;
};

static const char *const ROLE_NAMES[PT_ROLE_COUNT] = {
    [PT_ROLE_DOCUMENT] = "Document", [PT_ROLE_SECT] = "Sect", [PT_ROLE_H1] = "H1",
    [PT_ROLE_H2] = "H2", [PT_ROLE_P] = "P", [PT_ROLE_TOC] = "TOC", [PT_ROLE_TOCI] = "TOCI",
    [PT_ROLE_LINK] = "Link", [PT_ROLE_TABLE] = "Table", [PT_ROLE_TR] = "TR",
    [PT_ROLE_TH] = "TH", [PT_ROLE_TD] = "TD", [PT_ROLE_L] = "L", [PT_ROLE_LI] = "LI",
    [PT_ROLE_LBL] = "Lbl", [PT_ROLE_LBODY] = "LBody", [PT_ROLE_FIGURE] = "Figure",
};

pt_pdfs *pt_pdfs_new(pt_ctx *ctx, const pt_struct_elem *e, size_t n)
{
    if (n == 0 || e[0].role != PT_ROLE_DOCUMENT) {
        pt_fail(ctx, _("internal error: a structure tree must start with the Document"));
        return NULL;
    }
    pt_pdfs *s = pt_xcalloc(1, sizeof *s);
    s->el = pt_xcalloc(n, sizeof *s->el);
    s->n = n;
    for (size_t i = 0; i < n; i++)
        s->el[i].parent = -1;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        if ((unsigned)e[i].role >= PT_ROLE_COUNT) {
            ok = pt_fail(ctx, _("internal error: structure element %zu has no role"), i);
            break;
        }
        s->el[i].e = e[i];
        int *kids = pt_xcalloc(e[i].nkids, sizeof *kids);
        if (e[i].nkids)
            memcpy(kids, e[i].kids, e[i].nkids * sizeof *kids);
        s->el[i].e.kids = kids;
        for (size_t k = 0; k < e[i].nkids && ok; k++) {
            int c = kids[k];
            if (c <= 0 || (size_t)c >= n || s->el[c].parent >= 0)
                ok = pt_fail(ctx, _("internal error: structure element %zu has a bad child %d"), i, c);
            else
                s->el[c].parent = (int)i;
        }
    }
    for (size_t i = 1; i < n && ok; i++)
        if (s->el[i].parent < 0)
            ok = pt_fail(ctx, _("internal error: structure element %zu (%s) is not in the tree"),
                         i, ROLE_NAMES[s->el[i].e.role]);
    if (!ok) {
        pt_pdfs_free(s);
        return NULL;
    }
    return s;
}

void pt_pdfs_free(pt_pdfs *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free((void *)s->el[i].e.kids);
        free(s->el[i].mcs.v);
        pt_buf_free(&s->el[i].body);
    }
    free(s->el);
    for (size_t i = 0; i < s->owners.n; i++) {
        if (s->owners.v[i])
            free(s->owners.v[i]->v);
        free(s->owners.v[i]);
    }
    free(s->owners.v);
    free(s->annots.v);
    free(s->attrs.v);
    free(s);
}

const char *pt_pdfs_tag(const pt_pdfs *s, int elem)
{
    return elem > 0 && (size_t)elem < s->n ? ROLE_NAMES[s->el[elem].e.role] : "Span";
}

int pt_pdfs_mcid(pt_pdfs *s, pt_ctx *ctx, size_t page, int elem)
{
    if (elem <= 0 || (size_t)elem >= s->n) {
        pt_fail(ctx, _("internal error: content of structure element %d of %zu"), elem, s->n);
        return -1;
    }
    while (s->owners.n <= page)
        PT_PUSH(s->owners, NULL);
    if (!s->owners.v[page])
        s->owners.v[page] = pt_xcalloc(1, sizeof *s->owners.v[page]);
    int_vec *o = s->owners.v[page];
    if (o->n >= MAX_MCIDS) {
        pt_fail(ctx, _("page %zu has more than %d pieces of tagged content"), page + 1, MAX_MCIDS);
        return -1;
    }
    PT_PUSH(*o, elem);
    mc_ref r = { (int)page, (int)o->n - 1 };
    PT_PUSH(s->el[elem].mcs, r);
    return r.mcid;
}

void pt_pdfs_annot(pt_pdfs *s, size_t page, int elem, HPDF_Dict a)
{
    annot_ref r = { (int)page, elem, a };
    PT_PUSH(s->annots, r);
}

/* ---- writing ---- */

/* The /A attributes of a table cell (a shared object), or NULL when it
 * needs none; *ok false when libharu failed. */
static HPDF_Dict table_attrs(pt_pdfs *s, HPDF_Doc pdf, const pt_struct_elem *e, bool *ok)
{
    bool cell = e->role == PT_ROLE_TH || e->role == PT_ROLE_TD;
    pt_scope scope = e->role == PT_ROLE_TH ? e->scope : PT_SCOPE_NONE;
    int span = e->colspan > 1 ? e->colspan : 1;
    if (!cell || (scope == PT_SCOPE_NONE && span == 1))
        return NULL;
    for (size_t i = 0; i < s->attrs.n; i++)
        if (s->attrs.v[i].role == e->role && s->attrs.v[i].scope == scope &&
            s->attrs.v[i].colspan == span)
            return s->attrs.v[i].obj;
    HPDF_Dict a = HPDF_Dict_New(pdf->mmgr);
    if (!a || HPDF_Xref_Add(pdf->xref, a) != HPDF_OK) {
        *ok = false;
        return NULL;
    }
    attr_obj rec = { e->role, scope, span, a };
    PT_PUSH(s->attrs, rec);
    HPDF_Dict_AddName(a, "O", "Table");
    if (e->role == PT_ROLE_TH && e->scope != PT_SCOPE_NONE)
        HPDF_Dict_AddName(a, "Scope", e->scope == PT_SCOPE_ROW ? "Row" : "Column");
    if (e->colspan > 1)
        HPDF_Dict_AddNumber(a, "ColSpan", e->colspan);
    return a;
}

/* Appends "N 0 R" for an object libharu numbered (generation 0). */
static void put_ref(pt_buf *b, const void *obj)
{
    pt_buf_uint(b, ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu);
    pt_buf_puts(b, " 0 R");
}

/* The links of each element: s->annots[at[k]] for k in first[i] ..
 * first[i + 1], in the order they were recorded (counted once, rather than
 * every element scanning every link). */
typedef struct links_of { size_t *first, *at; } links_of;

static links_of index_links(const pt_pdfs *s)
{
    links_of L = {pt_xcalloc(s->n + 1, sizeof *L.first), pt_xcalloc(s->annots.n, sizeof *L.at)};
    for (size_t a = 0; a < s->annots.n; a++)
        L.first[s->annots.v[a].elem + 1]++;
    for (size_t i = 0; i < s->n; i++)
        L.first[i + 1] += L.first[i];
    size_t *fill = pt_xcalloc(s->n, sizeof *fill);
    for (size_t a = 0; a < s->annots.n; a++) {
        size_t e = (size_t)s->annots.v[a].elem;
        L.at[L.first[e] + fill[e]++] = a;
    }
    free(fill);
    return L;
}

/* libharu's dictionary writer calls this before ">>": the element's body. */
static HPDF_STATUS write_body(HPDF_Dict d, HPDF_Stream out)
{
    return HPDF_Stream_WriteStr(out, d->attr);
}

/* Fills element i's dictionary (created beforehand, so children and parents
 * can refer to each other): its body for write_body, and the rare entries. */
static bool write_elem(pt_pdfs *s, HPDF_Doc pdf, const HPDF_Page *pages, size_t i,
                       HPDF_Dict root, const links_of *L)
{
    selem *el = &s->el[i];
    HPDF_Dict d = el->obj;
    pt_buf *b = &el->body;
    size_t nlinks = L->first[i + 1] - L->first[i];
    const size_t *links = L->at + L->first[i];
    int pg = el->mcs.n ? el->mcs.v[0].page : nlinks ? s->annots.v[links[0]].page : -1;
    size_t nk = el->mcs.n + el->e.nkids + nlinks;
    pt_buf_puts(b, "/S/");
    pt_buf_puts(b, ROLE_NAMES[el->e.role]);
    pt_buf_puts(b, "/P ");
    put_ref(b, i == 0 ? root : s->el[el->parent].obj);
    if (pg >= 0) {
        pt_buf_puts(b, "/Pg ");
        put_ref(b, pages[pg]);
    }
    pt_buf_puts(b, nk == 1 ? "/K " : "/K[");
    const char *sep = "";
    for (size_t m = 0; m < el->mcs.n; m++, sep = " ") {
        const mc_ref *r = &el->mcs.v[m];
        pt_buf_puts(b, sep);
        if (r->page == pg) {
            pt_buf_uint(b, (uint64_t)r->mcid);
            continue;
        }
        pt_buf_puts(b, "<</Type/MCR/Pg ");
        put_ref(b, pages[r->page]);
        pt_buf_puts(b, "/MCID ");
        pt_buf_uint(b, (uint64_t)r->mcid);
        pt_buf_puts(b, ">>");
    }
    for (size_t k = 0; k < nlinks; k++) {
        const annot_ref *r = &s->annots.v[links[k]];
        pt_buf_puts(b, sep);
        pt_buf_puts(b, "<</Type/OBJR/Obj ");
        put_ref(b, r->a);
        pt_buf_puts(b, "/Pg ");
        put_ref(b, pages[r->page]);
        pt_buf_puts(b, ">>");
        sep = " ";
    }
    for (size_t c = 0; c < el->e.nkids; c++, sep = " ") {
        pt_buf_puts(b, sep);
        put_ref(b, s->el[el->e.kids[c]].obj);
    }
    pt_buf_puts(b, nk == 1 ? "" : "]");
    pt_buf_add(b, "", 1);     /* the terminating zero write_body needs */
    d->attr = b->s;
    d->write_fn = write_body;

    bool ok = true;
    if (el->e.alt && el->e.role == PT_ROLE_FIGURE) {
        void *t = pt_pdf_text_string(pdf, el->e.alt);
        ok = t && HPDF_Dict_Add(d, "Alt", t) == HPDF_OK;
    }
    if (ok && el->e.alt && el->e.role == PT_ROLE_SECT) {
        void *t = pt_pdf_text_string(pdf, el->e.alt);
        ok = t && HPDF_Dict_Add(d, "T", t) == HPDF_OK;
    }
    HPDF_Dict attrs = ok ? table_attrs(s, pdf, &el->e, &ok) : NULL;
    if (attrs)
        ok = HPDF_Dict_Add(d, "A", attrs) == HPDF_OK;
    return ok;
}

bool pt_pdfs_write(pt_pdfs *s, pt_ctx *ctx, HPDF_Doc pdf, const HPDF_Page *pages, size_t npages)
{
    HPDF_MMgr mm = pdf->mmgr;
    for (size_t i = 0; i < s->owners.n; i++)
        if (s->owners.v[i] && i >= npages)
            return pt_fail(ctx, _("internal error: tagged content on page %zu of %zu"), i + 1, npages);
    for (size_t a = 0; a < s->annots.n; a++)
        if (s->annots.v[a].elem <= 0 || (size_t)s->annots.v[a].elem >= s->n)
            return pt_fail(ctx, _("internal error: a link outside the structure tree"));

    HPDF_Dict root = HPDF_Dict_New(mm);
    bool ok = root && HPDF_Xref_Add(pdf->xref, root) == HPDF_OK
           && HPDF_Dict_AddName(root, "Type", "StructTreeRoot") == HPDF_OK;
    for (size_t i = 0; i < s->n && ok; i++) {
        s->el[i].obj = HPDF_Dict_New(mm);
        ok = s->el[i].obj && HPDF_Xref_Add(pdf->xref, s->el[i].obj) == HPDF_OK;
    }
    links_of L = index_links(s);
    for (size_t i = 0; i < s->n && ok; i++)
        ok = write_elem(s, pdf, pages, i, root, &L);
    free(L.first);
    free(L.at);
    ok = ok && HPDF_Dict_Add(root, "K", s->el[0].obj) == HPDF_OK;

    /* ParentTree: pages 0..npages-1, then the annotations. */
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Array nums = HPDF_Array_New(mm);
    ok = ok && tree && nums && HPDF_Xref_Add(pdf->xref, tree) == HPDF_OK
         && HPDF_Dict_Add(tree, "Nums", nums) == HPDF_OK;
    for (size_t i = 0; i < npages && ok; i++) {
        HPDF_Array owners = HPDF_Array_New(mm);
        const int_vec *o = i < s->owners.n ? s->owners.v[i] : NULL;
        ok = owners && HPDF_Array_AddNumber(nums, (HPDF_INT32)i) == HPDF_OK
             && HPDF_Array_Add(nums, owners) == HPDF_OK
             && HPDF_Dict_AddNumber(pages[i], "StructParents", (HPDF_INT32)i) == HPDF_OK
             && HPDF_Dict_AddName(pages[i], "Tabs", "S") == HPDF_OK;
        for (size_t m = 0; o && m < o->n && ok; m++)
            ok = HPDF_Array_Add(owners, s->el[o->v[m]].obj) == HPDF_OK;
    }
    for (size_t a = 0; a < s->annots.n && ok; a++) {
        const annot_ref *r = &s->annots.v[a];
        HPDF_INT32 key = (HPDF_INT32)(npages + a);
        const char *what = s->el[r->elem].e.alt;
        void *t = what ? pt_pdf_text_string(pdf, what) : NULL;
        ok = HPDF_Dict_AddNumber(r->a, "StructParent", key) == HPDF_OK
             && HPDF_Array_AddNumber(nums, key) == HPDF_OK
             && HPDF_Array_Add(nums, s->el[r->elem].obj) == HPDF_OK
             && (!what || (t && HPDF_Dict_Add(r->a, "Contents", t) == HPDF_OK));
    }
    ok = ok && HPDF_Dict_Add(root, "ParentTree", tree) == HPDF_OK
         && HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
                                (HPDF_INT32)(npages + s->annots.n)) == HPDF_OK
         && HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root) == HPDF_OK;
    HPDF_Dict mark = ok ? HPDF_Dict_New(mm) : NULL;
    ok = mark && HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE) == HPDF_OK
         && HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark) == HPDF_OK;
    if (!ok)
        return pt_fail(ctx, _("PDF writer (libharu): writing the structure tree failed"));
    return true;
}
