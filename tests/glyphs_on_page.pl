#!/usr/bin/env perl
# glyphs_on_page.pl TRACE - reads `mutool trace` output (MuPDF's own reading of
# a PDF) and checks that every glyph's em box lies on its page: from its
# origin x to x + advance, and from 0.12 em below the baseline to 0.88 em
# above it, within the page's media box (half a point of slack). Prints the
# number of glyphs checked, then each one outside; exits 1 if any is.
use strict;
use warnings;

my ($w, $h, $size, $page, $n, $bad) = (0, 0, 0, 0, 0, 0);
while (<>) {
  if (/<page number="(\d+)" mediabox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/) {
    ($page, $w, $h) = ($1, $4 - $2, $5 - $3);
  } elsif (/<span .*trm="([-\d.e]+) ([-\d.e]+)/) {
    $size = sqrt($1 * $1 + $2 * $2);
  } elsif (/<g .*x="([-\d.e]+)" y="([-\d.e]+)" adv="([-\d.e]+)"/) {
    my ($x, $y, $adv) = ($1, $2, $3);
    $n++;
    next if $x >= -0.5 && $x + $adv * $size <= $w + 0.5
         && $y - 0.12 * $size >= -0.5 && $y + 0.88 * $size <= $h + 0.5;
    $bad++;
    print "page $page: glyph at ($x, $y), size $size, outside ${w}x$h\n" if $bad <= 10;
  }
}
print "$n glyphs\n";
exit($bad ? 1 : 0);
