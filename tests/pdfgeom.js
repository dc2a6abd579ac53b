// pdfgeom.js - where a PDF puts what, as MuPDF reads it back: the input of
// the position-aware report checks (tests/report_pos.pl).
//
//   mutool run tests/pdfgeom.js FILE.pdf
//
// prints one line per item, TAB-separated, coordinates in points from the
// page's top-left corner (y down), after every transformation of the page:
//   P page width height
//   C page char x0 y0 x1 y1 baseline size   a character (white space left out),
//                                          its box and baseline, in reading order
//   S page x0 y0 x1 y1 line-width            a straight piece of a stroked path
//   F page x0 y0 x1 y1                       the bounding box of a filled path
//   K page x0 y0 x1 y1 target                a link area and the page it leads to
// Pages are numbered from 1.
var doc = new Document(scriptArgs[0]);
var out = [];
function emit(fields) { out.push(fields.join("\t")); }
function r2(v) { return Math.round(v * 100) / 100; }

// A device that records the pieces of stroked paths and the boxes of fills.
function geometry(pno) {
    function walker(ctm, stroke, lw) {
        var x0 = 0, y0 = 0, sx = 0, sy = 0, minx = 1e9, miny = 1e9, maxx = -1e9, maxy = -1e9;
        function at(x, y) {
            return [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
        }
        function seg(x, y) {
            if (stroke)
                emit(["S", pno, r2(x0), r2(y0), r2(x), r2(y), r2(lw)]);
        }
        function see(p) {
            minx = Math.min(minx, p[0]); maxx = Math.max(maxx, p[0]);
            miny = Math.min(miny, p[1]); maxy = Math.max(maxy, p[1]);
        }
        return {
            moveTo: function (x, y) { var p = at(x, y); x0 = sx = p[0]; y0 = sy = p[1]; see(p); },
            lineTo: function (x, y) { var p = at(x, y); seg(p[0], p[1]); x0 = p[0]; y0 = p[1]; see(p); },
            curveTo: function (a, b, c, d, x, y) { var p = at(x, y); x0 = p[0]; y0 = p[1]; see(p); },
            closePath: function () { seg(sx, sy); x0 = sx; y0 = sy; },
            box: function () { return [minx, miny, maxx, maxy]; }
        };
    }
    return {
        strokePath: function (path, st, ctm) {
            var scale = Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]));
            path.walk(walker(ctm, true, st.lineWidth * scale));
        },
        fillPath: function (path, evenOdd, ctm) {
            var w = walker(ctm, false, 0);
            path.walk(w);
            var b = w.box();
            emit(["F", pno, r2(b[0]), r2(b[1]), r2(b[2]), r2(b[3])]);
        }
    };
}

for (var i = 0; i < doc.countPages(); i++) {
    var page = doc.loadPage(i), pno = i + 1;
    var b = page.bound();
    emit(["P", pno, r2(b[2] - b[0]), r2(b[3] - b[1])]);
    page.toStructuredText("preserve-whitespace").walk({
        onChar: function (c, origin, font, size, q) {
            if (/^\s*$/.test(c))
                return;
            var xs = [q[0], q[2], q[4], q[6]], ys = [q[1], q[3], q[5], q[7]];
            emit(["C", pno, c, r2(Math.min.apply(null, xs)), r2(Math.min.apply(null, ys)),
                  r2(Math.max.apply(null, xs)), r2(Math.max.apply(null, ys)), r2(origin[1]),
                  r2(size)]);
        }
    });
    page.run(geometry(pno), Identity);
    var links = page.getLinks();
    for (var k = 0; k < links.length; k++) {
        var l = links[k], lb = l.bounds, m = /#page=(\d+)/.exec(l.uri), target = -1;
        if (m)
            target = +m[1];
        else {
            var loc = doc.resolveLink(l.uri);
            target = (typeof loc === "number" ? loc : loc.page) + 1;
        }
        emit(["K", pno, r2(lb[0]), r2(lb[1]), r2(lb[2]), r2(lb[3]), target]);
    }
}
print(out.join("\n"));
