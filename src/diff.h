/* diff.h - what changed since a previous draft of an edition (diff.c), as
 * notes (rule "changed") in a findings list. */
#ifndef PT_DIFF_H
#define PT_DIFF_H

#include "check.h"

/* Compares c->r with old (the previous draft, from the file old_name) and adds
 * a note for each changed cell (on the new cell, with the old text), changed
 * status mark, card added, removed or renumbered. Within one fiscal year
 * cards match by number, across years by initiative title and indicator. */
void pt_diff(pt_check *c, const pt_report *old, const char *old_name);

#endif
