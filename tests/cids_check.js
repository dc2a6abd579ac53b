// cids_check.js - a PDF's embedded TrueType subsets against the font files
// they were cut from, as MuPDF reads them:
//
//   mutool run tests/cids_check.js FILE.pdf FONTDIR
//
// For every CIDFontType2 with CIDToGIDMap /Identity (the CID is the glyph of
// the embedded program) used on a page, it prints, TAB-separated:
//   program BASEFONT glyphs drawn unaccounted
//       the program's glyph count (maxp); the CIDs drawn on the pages; the
//       glyphs of the program that are neither .notdef, nor drawn, nor a
//       component of a glyph drawn (a compact subset has none)
//   cidset BASEFONT ok|wrong
//       ok: /CIDSet marks exactly the CIDs 0 .. glyphs - 1
//   widths BASEFONT checked wrong
//       every CID drawn: its width in /W (or /DW) against its advance in the
//       program's hmtx, in 1/1000 em (wrong: differ by more than 0.001)
//   shapes BASEFONT compared differ
//       every CID drawn with one character of text: its outline in the
//       program against the glyph the original font (FONTDIR/NAME.ttf, NAME
//       the BaseFont without its subset tag) maps that character to, or one
//       of that glyph's single substitutions (GSUB: `hwid` draws （ with the
//       glyph of ( ): the same outline (see outline())
// and one line "bad BASEFONT CID U+XXXX" per CID whose outline differs.
var doc = new Document(scriptArgs[0]);
var fontdir = scriptArgs[1];

// ---- TrueType tables in a Buffer (big-endian) ----
function u16(b, at) { return b[at] << 8 | b[at + 1]; }
function u32(b, at) { return (b[at] * 16777216) + (b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]); }
function tables(b) {
    var t = {}, n = u16(b, 4);
    for (var i = 0; i < n; i++) {
        var e = 12 + 16 * i;
        var tag = String.fromCharCode(b[e], b[e + 1], b[e + 2], b[e + 3]);
        t[tag] = {at: u32(b, e + 8), len: u32(b, e + 12)};
    }
    return t;
}
// The glyph of character u in the cmap at b[at]: its Unicode subtable of
// format 12 (3,10 or 0,4), else of format 4 (3,1 or 0,3); 0 for none.
function cmap(b, at) {
    var n = u16(b, at + 2), f12 = -1, f4 = -1;
    for (var i = 0; i < n; i++) {
        var e = at + 4 + 8 * i, pid = u16(b, e), eid = u16(b, e + 2), sub = at + u32(b, e + 4);
        if (u16(b, sub) == 12 && (pid == 3 && eid == 10 || pid == 0 && eid == 4))
            f12 = sub;
        if (u16(b, sub) == 4 && (pid == 3 && eid == 1 || pid == 0 && eid == 3))
            f4 = sub;
    }
    if (f12 >= 0)
        return function (u) {                      // groups sorted by code: bisect
            for (var lo = 0, hi = u32(b, f12 + 12) - 1; lo <= hi; ) {
                var k = (lo + hi) >> 1, g = f12 + 16 + 12 * k;
                if (u < u32(b, g))
                    hi = k - 1;
                else if (u > u32(b, g + 4))
                    lo = k + 1;
                else
                    return u32(b, g + 8) + (u - u32(b, g));
            }
            return 0;
        };
    if (f4 >= 0)
        return function (u) {
            var segs = u16(b, f4 + 6) / 2, ends = f4 + 14, starts = ends + 2 * segs + 2;
            var deltas = starts + 2 * segs, ranges = deltas + 2 * segs;
            for (var k = 0; k < segs; k++) {
                if (u > u16(b, ends + 2 * k))
                    continue;
                if (u < u16(b, starts + 2 * k))
                    return 0;
                var ro = u16(b, ranges + 2 * k);
                if (ro == 0)
                    return (u + u16(b, deltas + 2 * k)) & 0xFFFF;
                var gi = u16(b, ranges + 2 * k + ro + 2 * (u - u16(b, starts + 2 * k)));
                return gi ? (gi + u16(b, deltas + 2 * k)) & 0xFFFF : 0;
            }
            return 0;
        };
    return function () { return 0; };
}

// A font file as numbers: glyph count, units per em, advances, and for each
// glyph where its data lies in b (p.glyf(g): [start, end)) and the
// components it draws (composite glyphs; [] for the others).
function program(b) {
    var t = tables(b), p = {b: b};
    p.n = u16(b, t.maxp.at + 4);
    p.upem = u16(b, t.head.at + 18);
    var longLoca = u16(b, t.head.at + 50) == 1;
    var nhm = u16(b, t.hhea.at + 34);
    p.adv = [];
    for (var g = 0; g < p.n; g++)
        p.adv.push(u16(b, t.hmtx.at + 4 * Math.min(g, nhm - 1)));
    function off(g) {
        return longLoca ? u32(b, t.loca.at + 4 * g) : 2 * u16(b, t.loca.at + 2 * g);
    }
    p.glyf = function (g) { return [t.glyf.at + off(g), t.glyf.at + off(g + 1)]; };
    p.cmap = t.cmap ? cmap(b, t.cmap.at) : function () { return 0; };
    p.singles = singles(b, t);
    p.comps = [];
    for (var g = 0; g < p.n; g++) {
        var s = t.glyf.at + off(g), e = t.glyf.at + off(g + 1), c = [];
        if (e - s >= 10 && (u16(b, s) & 0x8000)) {        // numberOfContours < 0
            var at = s + 10, flags;
            do {
                flags = u16(b, at);
                c.push(u16(b, at + 2));
                at += 4 + (flags & 1 ? 4 : 2) +
                      (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
            } while (flags & 0x20);
        }
        p.comps.push(c);
    }
    return p;
}

// ---- the fonts used on the pages ----
var fonts = {};   // by BaseFont: {desc, prog, orig, font (as MuPDF loaded it), drawn: {cid: [unicode]}}
function stripTag(name) { return name.replace(/^\/?[A-Z]{6}\+/, "").replace(/^\//, ""); }
for (var i = 0; i < doc.countPages(); i++) {
    var res = doc.findPage(i).get("Resources").get("Font");
    res.forEach(function (key) {
        var t0 = res.get(key);
        if (t0.get("Subtype").toString() != "/Type0")
            return;
        var d = t0.get("DescendantFonts").get(0);
        var base = d.get("BaseFont").toString().replace(/^\//, "");
        if (fonts[base] || d.get("Subtype").toString() != "/CIDFontType2" ||
            d.get("CIDToGIDMap").toString() != "/Identity")
            return;
        var f = {desc: d, drawn: {}};
        var buf = d.get("FontDescriptor").get("FontFile2").readStream();
        f.prog = program(buf);
        var path = fontdir + "/" + stripTag(base) + ".ttf";
        f.orig = program(readFile(path));
        fonts[base] = f;
    });
}

// ---- the glyphs drawn, as MuPDF's text device sees them ----
function noteText(text) {
    text.walk({
        showGlyph: function (font, trm, glyph, unicode) {
            for (var base in fonts)
                if (stripTag(base) == stripTag(font.getName()) && glyph >= 0) {
                    var d = fonts[base].drawn;
                    (d[glyph] = d[glyph] || []).push(unicode);
                }
        }
    });
}
for (var i = 0; i < doc.countPages(); i++)
    doc.loadPage(i).run({
        fillText: function (text) { noteText(text); },
        strokeText: function (text) { noteText(text); },
        clipText: function (text) { noteText(text); },
        ignoreText: function (text) { noteText(text); }
    }, Identity);

// ---- outlines ----
function bytes(b, from, to) {
    var r = [];
    for (var i = from; i < to; i++)
        r.push(b[i]);
    return r.join(",");
}
// Glyph g of font p as a string that two fonts share when they draw the same
// outline, whatever the glyph ids: a simple glyph's header (contour count,
// bounding box), contour ends, flags and points, without its instructions
// (the program has none) and without padding; a composite's header and, per
// component, its flags (instructions and "more components" aside),
// arguments, transform and outline. A composite of one component at offset
// 0 without a transform (a twin, pdf_twin.h) is that component's outline.
// "" for an empty glyph.
function outline(p, g, depth) {
    var r = p.glyf(g), s = r[0], e = r[1], b = p.b;
    if (e - s < 10 || (depth || 0) > 8)
        return "";
    var nc = u16(b, s);
    if (nc & 0x8000) {
        var parts = [], at = s + 10, flags;
        do {
            flags = u16(b, at);
            var len = (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
            var args = bytes(b, at + 4, at + 4 + len);
            var twin = parts.length == 0 && !(flags & 0x20) && (flags & 2) && len == 2 &&
                       args == "0,0";
            var inner = outline(p, u16(b, at + 2), (depth || 0) + 1);
            if (twin)
                return inner;
            parts.push("(" + (flags & ~0x0120) + ":" + args + ":" + inner + ")");
            at += 4 + len;
        } while (flags & 0x20);
        return "C" + bytes(b, s, s + 10) + parts.join("");
    }
    if (nc == 0)
        return "S" + bytes(b, s, s + 10);
    var npts = u16(b, s + 10 + 2 * (nc - 1)) + 1;
    var at = s + 10 + 2 * nc;
    at += 2 + u16(b, at);                          // instructionLength, instructions
    var from = at, xlen = 0, ylen = 0;
    for (var n = 0; n < npts; ) {
        var f = b[at++], repeat = f & 8 ? b[at++] + 1 : 1;
        xlen += repeat * (f & 2 ? 1 : f & 0x10 ? 0 : 2);
        ylen += repeat * (f & 4 ? 1 : f & 0x20 ? 0 : 2);
        n += repeat;
    }
    return "S" + bytes(b, s, s + 10 + 2 * nc) + "|" + bytes(b, from, at + xlen + ylen);
}

// The single substitutions of the font file b (GSUB lookup type 1, also
// inside extension lookups, type 7), whatever their feature: {gid: [gids]}.
function singles(b, t) {
    var subst = {};
    if (!t.GSUB)
        return subst;
    function add(from, to) { (subst[from] = subst[from] || []).push(to & 0xFFFF); }
    function coverage(at) {                        // the glyphs in coverage order
        var g = [];
        if (u16(b, at) == 1)
            for (var k = 0; k < u16(b, at + 2); k++)
                g.push(u16(b, at + 4 + 2 * k));
        else
            for (var k = 0; k < u16(b, at + 2); k++)
                for (var x = u16(b, at + 4 + 6 * k); x <= u16(b, at + 6 + 6 * k); x++)
                    g.push(x);
        return g;
    }
    var gsub = t.GSUB.at, list = gsub + u16(b, gsub + 8);
    for (var l = 0; l < u16(b, list); l++) {
        var lk = list + u16(b, list + 2 + 2 * l), type = u16(b, lk);
        for (var k = 0; k < u16(b, lk + 4); k++) {
            var st = lk + u16(b, lk + 6 + 2 * k);
            if (type == 7 && u16(b, st + 2) == 1)
                st += u32(b, st + 4);
            else if (type != 1)
                continue;
            var cov = coverage(st + u16(b, st + 2));
            for (var i = 0; i < cov.length; i++)
                add(cov[i], u16(b, st) == 1 ? cov[i] + u16(b, st + 4) : u16(b, st + 6 + 2 * i));
        }
    }
    return subst;
}
function hex(u) { return "U+" + ("000" + u.toString(16).toUpperCase()).slice(-4); }

for (var base in fonts) {
    var f = fonts[base], p = f.prog, n = p.n;
    // program
    var accounted = {0: true}, ndrawn = 0;
    for (var c in f.drawn) {
        ndrawn++;
        accounted[c] = true;
        var todo = [+c];
        while (todo.length) {
            var g = todo.pop();
            if (g < n)
                p.comps[g].forEach(function (k) { if (!accounted[k]) { accounted[k] = true; todo.push(k); } });
        }
    }
    var unaccounted = 0;
    for (var g = 0; g < n; g++)
        if (!accounted[g])
            unaccounted++;
    for (var c in f.drawn)
        if (+c >= n)
            unaccounted = "drawn CID " + c + " beyond the program";
    print(["program", base, n, ndrawn, unaccounted].join("\t"));
    // cidset
    var set = f.desc.get("FontDescriptor").get("CIDSet"), ok = !set.isNull();
    if (ok) {
        var bits = set.readStream();
        for (var k = 0; k < bits.length * 8; k++)
            if (!!(bits[k >> 3] & (0x80 >> (k & 7))) != (k < n))
                ok = false;
        ok = ok && bits.length * 8 >= n;
    }
    print(["cidset", base, ok ? "ok" : "wrong"].join("\t"));
    // widths
    var w = {}, W = f.desc.get("W"), dw = f.desc.get("DW");
    dw = dw.isNull() ? 1000 : dw.valueOf();
    for (var k = 0; !W.isNull() && k < W.length; ) {
        var first = W.get(k).valueOf();
        if (W.get(k + 1).isArray()) {
            var a = W.get(k + 1);
            for (var m = 0; m < a.length; m++)
                w[first + m] = a.get(m).valueOf();
            k += 2;
        } else {
            for (var m = first; m <= W.get(k + 1).valueOf(); m++)
                w[m] = W.get(k + 2).valueOf();
            k += 3;
        }
    }
    var checked = 0, wrong = 0;
    for (var c in f.drawn) {
        var want = c in w ? w[c] : dw;
        var got = +c < n ? p.adv[+c] * 1000 / p.upem : -1;
        checked++;
        if (Math.abs(got - want) > 0.001) {
            wrong++;
            print(["badwidth", base, c, want, got].join("\t"));
        }
    }
    print(["widths", base, checked, wrong].join("\t"));
    // shapes
    var compared = 0, differ = 0;
    for (var c in f.drawn) {
        var u = f.drawn[c][0];
        if (u <= 0x20 || +c >= n)
            continue;
        var mine = outline(p, +c), g = f.orig.cmap(u);
        var cands = g > 0 ? [g].concat(f.orig.singles[g] || []) : [], same = false;
        for (var k = 0; k < cands.length && !same; k++)
            same = cands[k] < f.orig.n && mine != "" && outline(f.orig, cands[k]) == mine;
        compared++;
        if (!same) {
            differ++;
            print(["bad", base, c, hex(u)].join("\t"));
        }
    }
    print(["shapes", base, compared, differ].join("\t"));
}
