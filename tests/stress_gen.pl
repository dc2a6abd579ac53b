#!/usr/bin/env perl
# stress_gen.pl KIND - writes a generated edition to stdout for the stress test
# (tests/stress_test.sh), and the list of its texts, one a line, to the file
# named by $STRESS_TEXTS (when set), so that the test can look for each one in
# the PDF. Every text is unique (it carries a number) and has no spaces, so a
# reader's line breaks cannot hide it.
#
# KIND: header-tall (a goal name of 2,500 characters: card headers taller than
# a page), cards60 (60 cards in one project), inis40 (40 initiatives under one
# goal), nobreak (a paragraph of 5,000 「ぬ」 with no break opportunity),
# cards2000 (2,000 cards in 10 projects), cards5200 (over the limit of 5,000),
# long-entry (a contents entry with a label of 1,200 characters, among 30).
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';

my $kind = shift // die "usage: stress_gen.pl KIND\n";
my @texts;
my $serial = 0;
sub t { my ($p) = @_; my $s = sprintf '%s%04d', $p, ++$serial; push @texts, $s; $s }
sub x { my ($s) = @_; $s =~ s/&/&amp;/g; $s =~ s/</&lt;/g; $s }

# shape: list of projects; a project is a list of goals; a goal is a list of
# policies; a policy is a list of initiatives; an initiative is its card count.
my (@shape, %long);
if ($kind eq 'header-tall') { @shape = ([[[1]]]); $long{goal} = '目' x 2500 }
elsif ($kind eq 'cards60') { @shape = ([[[(1) x 30], [(2) x 15]]]) }
elsif ($kind eq 'inis40') { @shape = ([[[(1) x 20], [(1) x 20]]]) }
elsif ($kind eq 'nobreak') { @shape = ([[[1]]]); $long{evaluation} = 'ぬ' x 5000 }
elsif ($kind eq 'cards2000') { @shape = map { [[[(2) x 50], [(2) x 50]]] } 1 .. 10 }
elsif ($kind eq 'cards5200') { @shape = map { [[[(2) x 50], [(2) x 50]]] } 1 .. 26 }
elsif ($kind eq 'long-entry') { @shape = ([[[(1) x 30]]]); $long{label} = '蔵' x 1200 }
else { die "unknown kind $kind\n" }

my $out = '';
$out .= qq{<?xml version="1.0" encoding="UTF-8"?>\n<report era="令和" era-abbr="R" year="6" fiscal-year="2024">\n};
$out .= '  <title><line>' . t('表題') . '</line><line>' . t('副題') . "</line></title>\n";
$out .= '  <publisher>' . t('発行課') . "</publisher>\n";
my ($ini, $aspects) = (0, ['経済', '環境', '社会']);
for my $p (0 .. $#shape) {
  $out .= sprintf qq{  <project no="%d" aspect="%s">\n}, $p + 1, $aspects->[$p % 3];
  $out .= '    <name>' . t('プロジェクト') . '</name><leader>' . t('リーダー課') . "</leader>\n";
  my $goals = $shape[$p];
  for my $g (0 .. $#$goals) {
    my $name = $long{goal} && !$p && !$g ? $long{goal} : t('目標');
    push @texts, $name if $long{goal} && !$p && !$g;
    $out .= sprintf qq{    <goal no="(%d)" status="○">\n      <name>%s</name><indicator>%s</indicator>\n}, $g + 1, $name, t('目標指標');
    $out .= qq{      <baseline>} . t('基準') . qq{</baseline><target>} . t('目標値') . qq{</target><actual>} . t('実績') . qq{</actual>\n};
    my $policies = $goals->[$g];
    for my $q (0 .. $#$policies) {
      $out .= sprintf qq{      <policy no="%s">\n        <name>%s</name>\n}, chr(0x2460 + $q), t('施策');
      for my $ncards (@{ $policies->[$q] }) {
        $ini++;
        my $title = $long{title} && $ini == 1 ? $long{title} : t('取組');
        push @texts, $title if $long{title} && $ini == 1;
        $out .= qq{        <initiative no="$ini">\n          <title>$title</title><dept>} . t('担当課') . "</dept>\n";
        $out .= '          <overview><p>' . t('概要') . "</p></overview>\n";
        for my $c (1 .. $ncards) {
          my $no = $ncards > 1 ? "$ini-$c" : $ini;
          $out .= qq{          <card no="$no" status="×">\n};
          my $label = $long{label} && $ini == 1 ? $long{label} : t('ラベル');
          push @texts, $label if $long{label} && $ini == 1;
          $out .= "            <label>$label</label><indicator>" . t('指標') . "</indicator>\n";
          $out .= "            <$_>" . t('値') . "</$_>\n" for qw(baseline target actual next);
          my $ev = $long{evaluation} && $ini == 1 ? $long{evaluation} : t('評価');
          push @texts, $ev if $long{evaluation} && $ini == 1;
          $out .= "            <evaluation><p>$ev</p></evaluation>\n";
          $out .= '            <synergy><p>' . t('相乗効果') . '</p></synergy><direction><p>' . t('方向性') . "</p></direction>\n";
          $out .= "          </card>\n";
        }
        $out .= "        </initiative>\n";
      }
      $out .= "      </policy>\n";
    }
    $out .= "    </goal>\n";
  }
  $out .= "  </project>\n";
}
$out .= "</report>\n";
print $out;
if ($ENV{STRESS_TEXTS}) {
  open my $f, '>:encoding(UTF-8)', $ENV{STRESS_TEXTS} or die "$ENV{STRESS_TEXTS}: $!\n";
  print $f "$_\n" for @texts;
  close $f;
}
