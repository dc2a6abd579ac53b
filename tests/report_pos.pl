#!/usr/bin/perl
# report_pos.pl - the report's pages checked by position against the source.
#
#   report_pos.pl GEOM [--long CARD] [--squeezed CARD]
#
# GEOM is what tests/pdfgeom.js printed for the PDF of input/r6.xml (or of an
# edition where CARD's evaluation was made longer). The expectations come from
# outside the program: texts from the edition (input/r6.xml) and the printed
# source (tests/fixtures/seed.txt: its contents page and summary sentences),
# geometry and label texts from the layout (layouts/a4-report.xml), the table
# structure from the printed card (the seed's card block: which cell spans
# which columns). Nothing is taken from the program's own output but the
# positions being checked. Coordinates: points from the page's top-left (y
# down), as pdfgeom.js prints them.
#
# A table is found by its rules: the horizontal rules that start at the left
# margin (as every table's first column does), and the rows between them that
# have a rule at the left margin on their side. A cell's rectangle is then its
# row's band and its columns' x range from the layout; its text is every
# character whose centre lies in the rectangle, read line by line (baseline,
# then x), white space aside; every such character's box must lie inside the
# rectangle, and no character on a page may be outside the places the page's
# kind allows.
#
# Prints "FAIL ..." per failed verdict and the closing "N passed, N failed".
use strict;
use warnings;
use utf8;
use List::Util qw(min max sum);
binmode STDOUT, ':encoding(UTF-8)';

my ($GEOM, %opt) = @ARGV;
my $long = $opt{'--long'};            # a card continued on further pages
my $squeezed = $opt{'--squeezed'};    # a card set tighter to fit its page
my $EDITION = $opt{'--edition'} // 'input/r6.xml';
my $TOL = 0.35;                       # rounding of positions (pdfgeom prints 2 decimals)

my ($pass, $fail) = (0, 0);
sub verdict {
    my ($what, @problems) = @_;
    if (!@problems) { $pass++; print "ok   $what\n"; return }
    $fail++;
    print "FAIL $what\n";
    print "   $_\n" for @problems[0 .. min(7, $#problems)];
    print "   ... and ", @problems - 8, " more\n" if @problems > 8;
}

sub slurp { my ($f) = @_; open my $h, '<:encoding(UTF-8)', $f or die "$f: $!"; local $/; <$h> }
sub squash { my ($s) = @_; $s //= ''; $s =~ s/\s+//g; $s }
sub unxml {
    my ($s) = @_;
    $s =~ s/&#(\d+);/chr $1/ge;
    $s =~ s/&#x([0-9a-f]+);/chr hex $1/gie;
    $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&quot;/"/g; $s =~ s/&apos;/'/g; $s =~ s/&amp;/&/g;
    $s;
}
sub near { abs($_[0] - $_[1]) <= ($_[2] // $TOL) }

# ---- the layout ----
my $LX = slurp('layouts/a4-report.xml');
$LX =~ s/<!--.*?-->//gs;
sub lattr {
    my ($tag, $name, $extra) = @_;
    $extra //= '';
    $LX =~ /<$tag\b(?=[^>]*$extra)[^>]*\s$name="([^"]*)"/ or die "layout: <$tag $name> not found";
    $1;
}
my %page = map { $_ => lattr('page', $_) } qw(width height top bottom left right);
my $LEFT = $page{left};
my $TW = $page{width} - $page{left} - $page{right};
my $YTOP = $page{top};                            # text area, y down
my $YBOT = $page{height} - $page{bottom};
my @CARD_COLS = split ' ', lattr('card', 'columns');
my @OV_COLS = split ' ', lattr('overview', 'columns');
my @FIG_COLS = split ' ', lattr('figure', 'columns');
my $FIG_GAP = lattr('figure', 'gap');
my %toc = map { $_ => lattr('contents', $_) } qw(gap number-width label-indent entry-number-width);
my ($PAD_X, $PAD_Y) = (lattr('cell', 'pad-x'), lattr('cell', 'pad-y'));
my ($FOOT_FMT, $FOOT_Y) = (unxml(lattr('footer', 'format')), lattr('footer', 'y'));
my %style;
while ($LX =~ /<style\s+name="([^"]+)"\s+font="[^"]*"\s+size="([^"]+)"\s+leading="([^"]+)"/g) {
    $style{$1} = { size => $2, leading => $3 };
}
my ($RULE_CELL, $RULE_FRAME) = (lattr('rules', 'cell'), lattr('rules', 'frame'));
my ($MIN_LEADING, $MIN_SIZE) = (lattr('card', 'min-leading'), lattr('card', 'min-size'));
my (%clabel, %olabel);
{
    my ($card) = $LX =~ m{<card\b.*?</card>}gs ? ($&) : die;
    $clabel{$1} = unxml($2) while $card =~ m{<label key="([^"]+)">(.*?)</label>}g;
    my ($ov) = $LX =~ m{<overview\b.*?</overview>}gs ? ($&) : die;
    $olabel{$1} = unxml($2) while $ov =~ m{<label key="([^"]+)">(.*?)</label>}g;
}

# ---- the edition ----
# A small reader for the edition's plain XML: elements, attributes, text.
sub parse_xml {
    my ($x) = @_;
    my $root = { name => '#doc', kids => [] };
    my @stack = ($root);
    pos($x) = 0;
    while (pos($x) < length $x) {
        if ($x =~ /\G<!--.*?-->/gcs || $x =~ /\G<\?.*?\?>/gcs) { next }
        elsif ($x =~ /\G<\/([\w-]+)\s*>/gc) { pop @stack }
        elsif ($x =~ /\G<([\w-]+)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>/gc) {
            my $e = { name => $1, kids => [], attr => {} };
            my ($attrs, $empty) = ($2, $3);
            $e->{attr}{$1} = unxml($2) while $attrs =~ /([\w-]+)="([^"]*)"/g;
            push @{ $stack[-1]{kids} }, $e;
            push @stack, $e unless $empty;
        }
        elsif ($x =~ /\G([^<]+)/gc) { push @{ $stack[-1]{kids} }, unxml($1) }
        else { die "edition: cannot read at byte " . pos($x) }
    }
    $root;
}
sub kids { my ($e, $name) = @_; grep { ref && $_->{name} eq $name } @{ $e->{kids} } }
sub kid { (kids(@_))[0] }
sub text {
    my ($e) = @_;
    return '' unless $e;
    join '', map { ref($_) ? ($_->{name} eq 'br' ? "\n" : text($_)) : $_ } @{ $e->{kids} };
}
sub paras { my ($e) = @_; $e ? [map { text($_) } kids($e, 'p')] : [] }

my $doc = parse_xml(slurp($EDITION));
my $R = kid($doc, 'report');
my %vars = (era => $R->{attr}{era}, abbr => $R->{attr}{'era-abbr'}, year => $R->{attr}{year},
            next => $R->{attr}{year} + 1);
sub fill { my ($t, %v) = @_; $t =~ s/\{(\w+)\}/$v{$1} \/\/ die "no {$1}"/ge; $t }
sub cl { fill($clabel{ $_[0] }, %vars) }
sub ol { fill($olabel{ $_[0] }, %vars, @_[1 .. $#_]) }

my (@projects, %cards, @card_order);
for my $pe (kids($R, 'project')) {
    my $pr = { no => $pe->{attr}{no}, aspect => $pe->{attr}{aspect},
               name => text(kid($pe, 'name')), leader => text(kid($pe, 'leader')) };
    for my $ge (kids($pe, 'goal')) {
        my $g = { no => $ge->{attr}{no}, status => $ge->{attr}{status},
                  name => text(kid($ge, 'name')), indicator => text(kid($ge, 'indicator')),
                  map { ($_, text(kid($ge, $_))) } qw(baseline target actual) };
        # initiatives in document order, under a policy or directly in the goal
        my @inis;
        for my $k (@{ $ge->{kids} }) {
            next unless ref $k;
            if ($k->{name} eq 'policy') {
                my $po = { no => $k->{attr}{no}, name => text(kid($k, 'name')) };
                push @{ $g->{policies} }, $po;
                push @inis, map { [$po, $_] } kids($k, 'initiative');
            } elsif ($k->{name} eq 'initiative') {
                push @inis, [undef, $k];
            }
        }
        for (@inis) {
            my ($po, $ie) = @$_;
            my $ini = { no => $ie->{attr}{no}, title => text(kid($ie, 'title')),
                        depts => [map { text($_) } kids($ie, 'dept')],
                        overview => paras(kid($ie, 'overview')) };
            push @{ $g->{inis} }, $ini;
            $g->{pending} = 1 if !$po && $ie->{attr}{incomplete};   # shown under a placeholder box
            for my $ce (kids($ie, 'card')) {
                my $c = { no => $ce->{attr}{no}, status => $ce->{attr}{status} // '',
                          project => $pr, goal => $g, policy => $po, ini => $ini,
                          title => kid($ce, 'title') ? text(kid($ce, 'title')) : $ini->{title},
                          overview => kid($ce, 'overview') ? paras(kid($ce, 'overview'))
                                                           : $ini->{overview},
                          indicator => text(kid($ce, 'indicator')),
                          (map { ($_, text(kid($ce, $_))) } qw(baseline target actual next)),
                          (map { ($_, paras(kid($ce, $_))) } qw(evaluation synergy direction)) };
                $c->{overview} = [] if $ce->{attr}{incomplete};
                $c->{incomplete} = $ce->{attr}{incomplete};
                $cards{ $c->{no} } = $c;
                push @card_order, $c->{no};
            }
        }
        push @{ $pr->{goals} }, $g;
    }
    push @projects, $pr;
}

# ---- the printed source: its contents page and the summary sentences ----
my @SEED = map { [split /\t/, $_, -1] } split /\n/, slurp('tests/fixtures/seed.txt');
my (@toc_cols, %card_page, @proj_page);
for my $i (9 .. $#SEED) {
    last if ($SEED[$i][0] // '') =~ /^【(経済|環境|社会)】$/;
    for my $col (0, 1) {
        my ($t, $p) = map { $_ // '' } @{ $SEED[$i] }[2 * $col, 2 * $col + 1];
        next if $t !~ /\S/;
        $p =~ s/[… ]//g;
        if ($t =~ /^\(/) { $toc_cols[$col][-1]{label} = $t; next }
        my $e = { title => $t, page => $p, heading => scalar($t =~ /^【/) };
        push @{ $toc_cols[$col] }, $e;
        if ($e->{heading}) { $t =~ /^【(\d+)\./ or die "contents heading $t"; $proj_page[$1 - 1] = $p }
        else { my ($no) = split / /, $t; $card_page{$no} = $p; $e->{card} = $no }
    }
}
my @summaries;   # per project: the two sentences under 【令和6年度】
for my $i (0 .. $#SEED) {
    next unless ($SEED[$i][0] // '') =~ /^<プロジェクト目標>/;
    push @summaries, [$SEED[$i][0], $SEED[$i + 1][0] =~ s/^\s+//r];
}

# ---- the PDF as read back ----
my (%chars, %segs, %fills, %links, $npages);
{
    open my $h, '<:encoding(UTF-8)', $GEOM or die "$GEOM: $!";
    while (<$h>) {
        chomp;
        my @f = split /\t/;
        my ($k, $p) = splice @f, 0, 2;
        if ($k eq 'P') { $npages = $p }
        elsif ($k eq 'C') { push @{ $chars{$p} }, { c => $f[0], x0 => $f[1], y0 => $f[2], x1 => $f[3], y1 => $f[4], base => $f[5], size => $f[6] } }
        elsif ($k eq 'S') { push @{ $segs{$p} }, [@f] }
        elsif ($k eq 'F') { push @{ $fills{$p} }, [@f] }
        elsif ($k eq 'K') { push @{ $links{$p} }, [@f] }
    }
}

# Characters of page p whose centre lies in the rectangle.
sub inside {
    my ($p, $x0, $y0, $x1, $y1) = @_;
    grep { my $cx = ($_->{x0} + $_->{x1}) / 2; my $cy = ($_->{y0} + $_->{y1}) / 2;
           $cx > $x0 && $cx < $x1 && $cy > $y0 && $cy < $y1 } @{ $chars{$p} // [] };
}
# Lines of characters: grouped by baseline (within 1 pt), each sorted by x.
sub lines_of {
    my @cs = sort { $a->{base} <=> $b->{base} || $a->{x0} <=> $b->{x0} } @_;
    my @lines;
    for my $c (@cs) {
        if (@lines && abs($lines[-1][0]{base} - $c->{base}) < 1) { push @{ $lines[-1] }, $c }
        else { push @lines, [$c] }
    }
    [map { [sort { $a->{x0} <=> $b->{x0} } @$_] } @lines];
}
sub text_of { join '', map { map { $_->{c} } @$_ } @{ lines_of(@_) } }

# Checks one rectangle's text; marks its characters as accounted for. Returns
# problems.
my %seen;   # "page:index" of characters inside an expected place
sub expect_text {
    my ($p, $where, $want, $x0, $y0, $x1, $y1) = @_;
    my @cs = inside($p, $x0, $y0, $x1, $y1);
    $seen{"$_"} = 1 for @cs;
    my @bad;
    my $got = text_of(@cs);
    push @bad, sprintf("page %d %s: \"%s\", want \"%s\"", $p, $where, substr($got, 0, 60),
                       substr(squash($want), 0, 60)) if $got ne squash($want);
    for (@cs) {
        next if $_->{x0} >= $x0 - $TOL && $_->{x1} <= $x1 + $TOL && $_->{y0} >= $y0 - $TOL
             && $_->{y1} <= $y1 + $TOL;
        push @bad, sprintf("page %d %s: %s at %.1f,%.1f-%.1f,%.1f sticks out of %.1f,%.1f-%.1f,%.1f",
                           $p, $where, $_->{c}, $_->{x0}, $_->{y0}, $_->{x1}, $_->{y1},
                           $x0, $y0, $x1, $y1);
        last;
    }
    @bad;
}
# Characters of page p not yet accounted for (the footer's own area aside).
sub stray {
    my ($p) = @_;
    my @s = grep { !$seen{"$_"} && $_->{y0} < $YBOT } @{ $chars{$p} // [] };
    @s ? (sprintf "page %d: unexpected text \"%s\"", $p, substr(text_of(@s), 0, 50)) : ();
}

# Distinct values (within $TOL), sorted.
sub distinct {
    my @v;
    for (sort { $a <=> $b } @_) { push @v, $_ unless @v && $_ - $v[-1] <= $TOL }
    @v;
}
# The tables of page p: lists of rows [top, bottom], top to bottom. minlen:
# the shortest first cell of a table (the figure's boxes are narrower).
sub tables {
    my ($p, $minlen) = @_;
    # a table's rules are drawn at the layout's cell or frame width, the
    # figure's boxes at the figure's
    my @s = grep { near($_->[4], $RULE_CELL, 0.05) || near($_->[4], $RULE_FRAME, 0.05) }
            @{ $segs{$p} // [] };
    my @hy = distinct(map { $_->[1] } grep {
        near($_->[1], $_->[3]) && near(min($_->[0], $_->[2]), $LEFT) && abs($_->[2] - $_->[0]) >= $minlen } @s);
    my @v = grep { near($_->[0], $_->[2]) && near($_->[0], $LEFT) } @s;
    my (@tables, $prev);
    for my $i (0 .. $#hy - 1) {
        my ($a, $b) = ($hy[$i], $hy[$i + 1]);
        my $mid = ($a + $b) / 2;
        next unless grep { min($_->[1], $_->[3]) < $mid && max($_->[1], $_->[3]) > $mid } @v;
        push @tables, [] unless defined $prev && near($prev, $a);
        push @{ $tables[-1] }, [$a, $b];
        $prev = $b;
    }
    @tables;
}
sub col_x { my ($cols, $c) = @_; $LEFT + sum(0, @{$cols}[0 .. $c - 1]) }

# Checks a table's rows against a spec: per row, cells [col, span, text].
sub expect_table {
    my ($p, $what, $rows, $cols, $spec) = @_;
    my @bad;
    for my $r (0 .. $#$spec) {
        my $band = $rows->[$r] or return (@bad, "page $p $what: no row $r");
        for (@{ $spec->[$r] }) {
            my ($c, $span, $want, $name) = @$_;
            push @bad, expect_text($p, "$what row $r ($name)", $want, col_x($cols, $c),
                                   $band->[0], col_x($cols, $c + $span), $band->[1]);
        }
    }
    @bad;
}

# ---- cards ----
sub card_spec {
    my ($c, $continued) = @_;
    my $g = $c->{goal};
    my @vk = qw(baseline target actual next);
    # an incomplete card shows the layout's placeholder in its empty cells
    my $ph = sub { my $t = shift; $t eq '' && $c->{incomplete} ? cl('placeholder') : $t };
    [
        [[0, 1, cl('no'), 'label'], [1, 1, cl('project'), 'label'], [2, 1, cl('goal'), 'label'], [3, 1, cl('policy'), 'label']],
        [[0, 1, $c->{no} . ($continued ? cl('continued') : ''), 'No.'], [1, 1, $c->{project}{name}, 'project'],
         [2, 1, $g->{no} . $g->{name}, 'goal'],
         [3, 1, $ph->($c->{policy} ? $c->{policy}{no} . $c->{policy}{name} : ''), 'policy']],
        [[0, 2, cl('initiative'), 'label'], [2, 1, cl('dept'), 'label'], [3, 1, cl('status'), 'label']],
        [[0, 2, $c->{title}, 'title'], [2, 1, $ph->(join('', @{ $c->{ini}{depts} })), 'dept'],
         [3, 1, $ph->($c->{status}), 'status']],
        [[0, 1, cl('overview'), 'label'], [1, 3, $ph->(join('', @{ $c->{overview} })), 'overview']],
        [[0, 1, cl('indicator'), 'label'], [1, 3, $ph->($c->{indicator}), 'indicator']],
        [map { [$_, 1, cl($vk[$_]), 'label'] } 0 .. 3],
        [map { [$_, 1, $ph->($c->{ $vk[$_] }), $vk[$_]] } 0 .. 3],
        map { my $k = $_; [[0, 1, cl($k), 'label'], [1, 3, $ph->(join('', @{ $c->{$k} })), $k]] }
            qw(evaluation synergy direction),
    ];
}

# The vertical rules of a table are at the layout's column edges.
sub expect_columns {
    my ($p, $rows, $cols) = @_;
    my ($top, $bot) = ($rows->[0][0], $rows->[-1][1]);
    my @xs = distinct(map { $_->[0] } grep { near($_->[0], $_->[2]) && min($_->[1], $_->[3]) >= $top - $TOL
                                             && max($_->[1], $_->[3]) <= $bot + $TOL } @{ $segs{$p} });
    my @want = map { col_x($cols, $_) } 0 .. @$cols;
    join(' ', map { sprintf '%.2f', $_ } @xs) eq join(' ', map { sprintf '%.2f', $_ } @want)
        ? () : ("page $p: column rules at @xs, the layout's at @want");
}

# One card on one page: 11 rows filling the text area from its top edge to its
# bottom edge, the layout's columns, every cell's text in its cell.
sub check_card_page {
    my ($c, $p) = @_;
    my @t = tables($p, min(@CARD_COLS) - 1);
    return ("page $p: " . scalar(@t) . " tables, want one") if @t != 1;
    my $rows = $t[0];
    my @bad;
    push @bad, sprintf("page %d: %d rows, want 11", $p, scalar @$rows) if @$rows != 11;
    push @bad, sprintf("page %d: the card spans %.2f..%.2f, the text area %.2f..%.2f", $p,
                       $rows->[0][0], $rows->[-1][1], $YTOP, $YBOT)
        unless near($rows->[0][0], $YTOP) && near($rows->[-1][1], $YBOT);
    push @bad, expect_columns($p, $rows, \@CARD_COLS);
    push @bad, expect_table($p, "card $c->{no}", $rows, \@CARD_COLS, card_spec($c)) if @$rows == 11;
    push @bad, stray($p);
    @bad;
}

# ---- the page plan: from the source's contents, shifted after a long card ----
my $shift = 0;          # extra pages of the long card
my @long_pages;
if ($long) {
    # its pages: the first, then those whose No. cell says it is continued
    my $p0 = $card_page{$long};
    my $cont = squash($long . cl('continued'));
    @long_pages = ($p0);
    for (my $p = $p0 + 1; $p <= ($npages // 0); $p++) {
        my ($t) = tables($p, min(@CARD_COLS) - 1) or last;
        last if @$t < 2;
        my $no = text_of(inside($p, $LEFT, $t->[1][0], $LEFT + $CARD_COLS[0], $t->[1][1]));
        last unless $no eq $cont;
        push @long_pages, $p;
    }
    $shift = @long_pages - 1;
}
sub shifted { my ($p) = @_; $long && $p > $card_page{$long} ? $p + $shift : $p }

verdict("pages: the source's 51 plus the continuation pages", ($npages // 0) == 51 + $shift
        ? () : ("$npages pages, want " . (51 + $shift)));

# ---- footers ----
{
    my @bad;
    my @below = grep { $_->{y0} >= $YBOT } @{ $chars{1} // [] };
    push @bad, "the cover has text below the text area: " . text_of(@below) if @below;
    for my $p (2 .. ($npages // 0)) {
        my @cs = grep { $_->{y0} >= $YBOT } @{ $chars{$p} // [] };
        my $want = squash(fill($FOOT_FMT, page => $p));
        my $got = text_of(@cs);
        if ($got ne $want) { push @bad, "page $p: footer \"$got\", want \"$want\""; next }
        my $mid = (min(map { $_->{x0} } @cs) + max(map { $_->{x1} } @cs)) / 2;
        push @bad, sprintf("page %d: footer centred at %.2f, the text area's middle is %.2f", $p, $mid, $LEFT + $TW / 2)
            unless near($mid, $LEFT + $TW / 2, 0.6);
        push @bad, sprintf("page %d: footer baseline %.2f, the layout's %.2f", $p, $cs[0]{base}, $page{height} - $FOOT_Y)
            unless near($cs[0]{base}, $page{height} - $FOOT_Y);
    }
    verdict("footers: \"$FOOT_FMT\" with the page's own number on every page but the cover, centred on the layout's footer line", @bad);
}

# ---- cover ----
{
    # a title line may be a template: ({era}{year}年度)
    my $want = join '', (map { fill(text($_), %vars) } kids(kid($R, 'title'), 'line')),
                        text(kid($R, 'publisher'));
    my @cs = grep { $_->{y0} < $YBOT } @{ $chars{1} // [] };
    verdict("cover: the title lines and the publisher", text_of(@cs) eq squash($want) ? ()
            : ("cover reads \"" . text_of(@cs) . "\""));
}

# ---- contents ----
{
    my $p = 2;
    my $colw = ($TW - $toc{gap}) / 2;
    my $size = $style{'toc-entry'}{size};
    my (@bad, @lbad);
    my @links = @{ $links{$p} // [] };
    my $nentries = 0;
    for my $col (0, 1) {
        my $x0 = $LEFT + $col * ($colw + $toc{gap});
        my $x1 = $x0 + $colw;
        my @ls = @{ lines_of(inside($p, $x0 - 1, $YTOP - 1, $x1 + 1, $YBOT)) };
        $seen{"$_"} = 1 for map { @$_ } @ls;
        # a line's runs: characters closer than 6 pt (the title and its number
        # are at least the leader's 0.9 em apart)
        my @runs = map { my @r; for my $c (@$_) { if (@r && $c->{x0} - $r[-1][-1]{x1} < 6) { push @{ $r[-1] }, $c } else { push @r, [$c] } } [@r] } @ls;
        my $li = 0;
        for my $e (@{ $toc_cols[$col] }) {
            $nentries++;
            my $want_page = $e->{heading} ? shifted($e->{page}) : shifted($card_page{ $e->{card} });
            my ($title, $num, $first) = ('', undef, $runs[$li]);
            # a card entry's number has a column of its own before the title
            # (two runs); the page number is the run that ends at the column's edge
            while ($li < @runs) {
                my @r = @{ $runs[$li++] };
                my $has_num = @r >= 2 && near($r[-1][-1]{x1}, $x1);
                $title .= join '', map { $_->{c} } map { @$_ } ($has_num ? @r[0 .. $#r - 1] : @r);
                if ($has_num) { $num = $r[-1]; last }
            }
            my $where = "contents column " . ($col + 1) . ", entry \"$e->{title}\"";
            if (!$first) { push @bad, "$where: missing"; last }
            push @bad, "$where: title \"$title\"" if $title ne squash($e->{title});
            push @bad, "$where: starts at $first->[0][0]{x0}, the column at $x0" unless near($first->[0][0]{x0}, $x0);
            my $n = $num ? join('', map { $_->{c} } @$num) : '(none)';
            push @bad, "$where: page number $n, want $want_page" if $n ne $want_page;
            push @bad, "$where: page number ends at $num->[-1]{x1}, the column at $x1"
                if $num && !near($num->[-1]{x1}, $x1);
            if (defined $e->{label}) {
                my ($label, $lx) = ('', $runs[$li] ? $runs[$li][0][0]{x0} : -1);
                while ($li < @runs && length($label) < length(squash($e->{label}))) {
                    $label .= join '', map { $_->{c} } map { @$_ } @{ $runs[$li++] };
                }
                push @bad, "$where: label \"$label\", want \"$e->{label}\"" if $label ne squash($e->{label});
                # under the title (after the number column), label-indent em of toc-label in
                my $want_lx = $x0 + $toc{'entry-number-width'} + $toc{'label-indent'} * $style{'toc-label'}{size};
                push @bad, "$where: label at $lx, want $want_lx" unless near($lx, $want_lx);
            }
            # its link: the one area holding its first character
            my $c0 = $first->[0][0];
            my @l = grep { $_->[0] <= $c0->{x0} && $_->[2] >= $c0->{x1} && $_->[1] <= $c0->{y0} + 1 && $_->[3] >= $c0->{y1} - 1 } @links;
            if (@l != 1) { push @lbad, "$where: " . scalar(@l) . " links over it" }
            elsif ($l[0][4] != $want_page) { push @lbad, "$where: link leads to page $l[0][4], want $want_page" }
        }
        push @bad, "contents column " . ($col + 1) . ": more lines than entries: " .
            join('', map { $_->{c} } map { @$_ } @{ $runs[$li] }) if $li < @runs;
    }
    push @bad, stray($p);
    verdict("contents: every entry (project headings too) with its title, label and page number, in its column, in order", @bad);
    push @lbad, scalar(@links) . " links on the contents page, want $nentries" if @links != $nentries;
    verdict("contents: each entry's link leads to its page", @lbad);
}

# ---- overviews ----
for my $pi (0 .. $#projects) {
    my $pr = $projects[$pi];
    my $pa = shifted($proj_page[$pi]);
    my $pb = $pa + 1;
    my $tag = "project $pr->{no}";
    # page A: aspect heading, project table, 【施策体系】, the figure
    my @t = tables($pa, min(@CARD_COLS) - 1);
    my @bad;
    my $c2 = [$OV_COLS[0] + $OV_COLS[1], $OV_COLS[2]];
    my $v_overview = "$tag overview (page $pa): aspect, project table in the layout's columns, 【施策体系】";
    my $v_figure = "$tag figure (page $pa): every goal, policy and initiative in its column's box, in order";
    if (@t != 1 || @{ $t[0] } != 2) {
        # both verdicts fail: the figure is found below the project table
        my $why = "page $pa: " . scalar(@t) . " tables, want the project table of 2 rows";
        verdict($v_overview, $why);
        verdict($v_figure, $why);
    } else {
        my $rows = $t[0];
        push @bad, expect_text($pa, 'aspect heading', ol('aspect', aspect => $pr->{aspect}), $LEFT, $YTOP - 1, $LEFT + $TW, $rows->[0][0]);
        push @bad, expect_columns($pa, $rows, $c2);
        push @bad, expect_table($pa, "$tag table", $rows, $c2,
                                [[[0, 1, ol('project'), 'label'], [1, 1, ol('leader'), 'label']],
                                 [[0, 1, $pr->{name}, 'name'], [1, 1, $pr->{leader}, 'leader']]]);
        # the heading: the first line below the table
        my ($head) = @{ lines_of(grep { $_->{y0} > $rows->[-1][1] } @{ $chars{$pa} }) };
        my $hbot = $head ? max(map { $_->{y1} } @$head) : $YBOT;
        push @bad, expect_text($pa, 'figure heading', ol('system'), $LEFT, $rows->[-1][1], $LEFT + $TW, $hbot + 0.5);
        verdict($v_overview, @bad);
        # the figure: per column its boxes top to bottom, each with its node's text
        my @goals = @{ $pr->{goals} };
        # (an incomplete initiative without a policy hangs from a box with the
        # card's placeholder text, after its goal's policies)
        my @nodes = ([$pr->{name}], [map { $_->{no} . $_->{name} } @goals],
                     [map { ((map { $_->{no} . $_->{name} } @{ $_->{policies} // [] }),
                             $_->{pending} ? (cl('placeholder')) : ()) } @goals],
                     [map { map { "$_->{no} $_->{title}" } @{ $_->{inis} } } @goals]);
        my @fbad;
        my $x = $LEFT;
        # columns="auto": the widths come from the content; take them from
        # the boxes' left edges (four columns, the first at the margin)
        my @fig_cols = @FIG_COLS;
        if ($FIG_COLS[0] eq 'auto') {
            my @x0 = distinct(map { $_->[0] } grep { $_->[1] > $hbot } @{ $fills{$pa} });
            push @fbad, "figure: boxes in " . scalar(@x0) . " columns, want 4" if @x0 != 4;
            push @fbad, "figure: the first column at $x0[0], the margin at $LEFT" if @x0 && !near($x0[0], $LEFT);
            @fig_cols = map { $_ < $#x0 ? $x0[$_ + 1] - $x0[$_] - $FIG_GAP : $LEFT + $TW - $x0[$_] } 0 .. $#x0;
        }
        for my $col (0 .. 3) {
            my $w = $fig_cols[$col] // 0;
            my @boxes = sort { $a->[1] <=> $b->[1] } grep { near($_->[0], $x) && near($_->[2], $x + $w) && $_->[1] > $hbot } @{ $fills{$pa} };
            push @fbad, sprintf("column %d: %d boxes, want %d", $col + 1, scalar @boxes, scalar @{ $nodes[$col] })
                if @boxes != @{ $nodes[$col] };
            for my $i (0 .. min($#boxes, $#{ $nodes[$col] })) {
                push @fbad, expect_text($pa, "figure column " . ($col + 1) . " box " . ($i + 1), $nodes[$col][$i], @{ $boxes[$i] });
            }
            $x += $w + $FIG_GAP;
        }
        push @fbad, stray($pa);
        verdict($v_figure, @fbad);
    }
    # page B: 【令和6年度】, the two summary sentences, one table per goal
    my @bbad;
    @t = tables($pb, min(@CARD_COLS) - 1);
    my @goals = @{ $pr->{goals} };
    if (@t != @goals || grep { @$_ != 5 } @t) {
        push @bbad, "page $pb: " . scalar(@t) . " tables, want " . scalar(@goals) . " of 5 rows";
    } else {
        my @ls = @{ lines_of(grep { $_->{y1} < $t[0][0][0] } @{ $chars{$pb} }) };
        $seen{"$_"} = 1 for map { @$_ } @ls;
        my @got = map { join '', map { $_->{c} } @$_ } @ls;
        my @want = (squash(ol('year')), map { squash($_) } @{ $summaries[$pi] // [] });
        push @bbad, "page $pb: the lines above the tables read:", map({ "  $_" } @got), "want:", map({ "  $_" } @want)
            if "@got" ne "@want";
        for my $gi (0 .. $#goals) {
            my $g = $goals[$gi];
            push @bbad, expect_columns($pb, $t[$gi], \@OV_COLS);
            push @bbad, expect_table($pb, "goal $g->{no}", $t[$gi], \@OV_COLS, [
                [[0, 2, ol('goal'), 'label'], [2, 1, ol('status'), 'label']],
                [[0, 2, $g->{no} . $g->{name}, 'goal'], [2, 1, $g->{status}, 'status']],
                [[0, 1, ol('indicator'), 'label'], [1, 2, $g->{indicator}, 'indicator']],
                [map { [$_, 1, ol(qw(baseline target actual)[$_]), 'label'] } 0 .. 2],
                [map { [$_, 1, $g->{ qw(baseline target actual)[$_] }, 'value'] } 0 .. 2]]);
        }
    }
    push @bbad, stray($pb);
    verdict("$tag summary (page $pb): 【年度】 heading, each summary sentence on its own line as in the source, each goal's table cell by cell", @bbad);
}

# ---- cards ----
{
    my @bad;
    for my $no (@card_order) {
        next if $long && $no eq $long;
        my $p = shifted($card_page{$no} // die "card $no not in the source's contents");
        my @b = check_card_page($cards{$no}, $p);
        push @bad, @b;
    }
    verdict("cards: each on its page, 11 rows from the text area's top to its bottom, the layout's columns, every cell's text in its cell", @bad);
}

# ---- a card continued on further pages ----
if ($long) {
    my $c = $cards{$long};
    my @bad;
    my $spec = card_spec($c);
    my $head = card_spec($c, 1);
    my $body = $style{body};
    # rows in order over the pages; a narrative row's text may continue on the
    # next page, below the repeated header rows
    my @want = map { [$_, $spec->[$_]] } 0 .. 10;
    my %text;          # narrative row -> text gathered over the pages
    my @body_sizes;    # sizes of the narrative rows' characters
    my $r = 0;
    for my $pi (0 .. $#long_pages) {
        my $p = $long_pages[$pi];
        my @t = tables($p, min(@CARD_COLS) - 1);
        if (@t != 1) { push @bad, "page $p: " . scalar(@t) . " tables"; next }
        my @rows = @{ $t[0] };
        push @bad, "page $p: the card starts at $rows[0][0], the text area at $YTOP" unless near($rows[0][0], $YTOP);
        push @bad, "page $p: the card ends at $rows[-1][1], below the text area's $YBOT" if $rows[-1][1] > $YBOT + $TOL;
        push @bad, expect_columns($p, \@rows, \@CARD_COLS);
        my $k = 0;
        if ($pi > 0) {
            push @bad, expect_table($p, "continued header", [@rows[0, 1]], \@CARD_COLS, [@{$head}[0, 1]]);
            $k = 2;
        }
        for (; $k < @rows; $k++) {
            last if $r > 10;
            my $cells = $spec->[$r];
            if (@$cells == 2 && $r >= 8 || $r == 4) {       # a narrative row: label + text
                push @bad, expect_text($p, "row $r label", $cells->[0][2], col_x(\@CARD_COLS, 0), @{ $rows[$k] }[0], col_x(\@CARD_COLS, 1), $rows[$k][1]);
                my @cs = inside($p, col_x(\@CARD_COLS, 1), $rows[$k][0], col_x(\@CARD_COLS, 4), $rows[$k][1]);
                $seen{"$_"} = 1 for @cs;
                $text{$r} .= text_of(@cs);
                push @body_sizes, map { $_->{size} } @cs;
                my $out = grep { $_->{y1} > $rows[$k][1] + $TOL } @cs;
                push @bad, "page $p row $r: $out characters below the row" if $out;
                if ($text{$r} eq squash($cells->[1][2])) { $r++; next }
                # continued: this must be the page's last row, reaching the
                # text area's bottom, with no room for another line
                push @bad, "page $p row $r: text stops short of the source, yet the row goes on" if $k < $#rows || $pi == $#long_pages;
                push @bad, "page $p row $r: a continued row ends at $rows[$k][1], not the text area's bottom $YBOT" unless near($rows[$k][1], $YBOT);
                my $low = max(map { $_->{y1} } @cs) // $rows[$k][0];
                my ($s, $l) = ($body->{size}, $body->{leading});
                my $room = $YBOT - $low - $s * ($l - 1) / 2 - $PAD_Y;
                push @bad, sprintf("page %d: %.1f pt left below the last line, another line (%.1f pt) would fit", $p, $room, $s * $l)
                    if $room >= $s * $l - $TOL;
            } else {
                push @bad, expect_table($p, "card $long", [$rows[$k]], \@CARD_COLS, [$cells]);
                $r++;
            }
        }
        push @bad, stray($p);
    }
    push @bad, "the card's rows end at row $r of 11" if $r != 11;
    # continued cards are set at the layout's size (fitting gave up on squeezing)
    my @sizes = distinct(@body_sizes);
    push @bad, "continuation pages set at @sizes pt, want the layout's $body->{size}"
        if "@sizes" ne "$body->{size}";
    push @bad, "on one page: the test's text cannot fit one even at the floors" if @long_pages < 2;
    verdict("long card $long: on " . scalar(@long_pages) . " pages, each but the last filled, header rows repeated, every paragraph once and inside the text area", @bad);
}

# ---- a card set tighter to fit its page ----
if ($squeezed) {
    my $p = $card_page{$squeezed};
    my @t = tables($p, min(@CARD_COLS) - 1);
    my @bad;
    if (@t == 1 && @{ $t[0] } == 11) {
        my $row = $t[0][8];   # the evaluation
        my @ls = @{ lines_of(inside($p, col_x(\@CARD_COLS, 1), $row->[0], col_x(\@CARD_COLS, 4), $row->[1])) };
        my @sizes = distinct(map { $_->{size} } map { @$_ } @ls);
        my @pitch = distinct(map { $ls[$_][0]{base} - $ls[$_ - 1][0]{base} } 1 .. $#ls);
        my ($s, $l) = ($sizes[0], $pitch[0] / $sizes[0]);
        push @bad, "sizes @sizes, want one" if @sizes != 1;
        push @bad, "pitches @pitch, want one" if @pitch != 1 && !(@pitch == 2 && $pitch[1] - $pitch[0] < 0.02);
        push @bad, "size $s below the layout's min-size $MIN_SIZE" if $s < $MIN_SIZE - 0.01;
        push @bad, sprintf("line spacing %.3f below the layout's min-leading %s", $l, $MIN_LEADING) if $l < $MIN_LEADING - 0.005;
        push @bad, sprintf("size %s and spacing %.3f: not tighter than the layout's %s and %s", $s, $l, $style{body}{size}, $style{body}{leading})
            if $s >= $style{body}{size} && $l >= $style{body}{leading} - 0.005;
        printf "squeezed card %s: %s pt, line spacing %.3f\n", $squeezed, $s, $l;
    } else { push @bad, "page $p: no card grid of 11 rows" }
    verdict("squeezed card $squeezed: set no smaller than the layout's floors (min-size, min-leading), smaller than the layout's body", @bad);
}

# Every verdict above was given, none skipped by a path that forgot one:
# pages, footers, cover, two for the contents, three per project, the cards,
# and one for a long or squeezed card.
my $want = 6 + 3 * @projects + ($long ? 1 : 0) + ($squeezed ? 1 : 0);
verdict("all $want verdicts given", $pass + $fail == $want ? () : ($pass + $fail . " given"));
print "$pass passed, $fail failed\n";
exit($fail ? 1 : 0);
