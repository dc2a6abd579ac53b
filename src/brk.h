/* brk.h - line-break opportunities: ICU's line iterator (ja@lb=strict by default)
 * followed by the report's post-filter (no break before ® ™ © and postfix units
 * such as ㎡ ％ ℃, none inside full-width alphanumeric runs, none between digits
 * and 万/億/兆, none right after a paragraph-initial list marker).
 *
 * Opportunities are found once per paragraph, before line fitting. */
#ifndef PT_BRK_H
#define PT_BRK_H

#include "base.h"

typedef enum pt_strictness { PT_LB_STRICT, PT_LB_NORMAL, PT_LB_LOOSE } pt_strictness;

/* Values of the caller's brk[] array, one per byte offset. brk[i] says whether a
 * line may start at text[i]; brk[0] is always PT_BRK_NONE, brk[len] is
 * PT_BRK_MUST (end of text). Offsets inside a UTF-8 sequence are PT_BRK_NONE. */
enum { PT_BRK_NONE = 0, PT_BRK_ALLOW = 1, PT_BRK_MUST = 2 };

typedef struct pt_breaker pt_breaker;

/* Opens the ICU iterator for the strictness. NULL with ctx->err set on failure.
 * Not thread-safe; one per thread. */
pt_breaker *pt_breaker_new(pt_ctx *ctx, pt_strictness s);
void pt_breaker_free(pt_breaker *b);

/* ICU builds its dictionary break engine for Chinese and Japanese on first
 * use, once per process (1-2 ms: the dictionary's character sets are made
 * from Unicode properties). pt_breaker_warm, a task for a worker thread
 * (work.h), has that done while the caller reads its input. Nothing else
 * changes: the engine is ICU's, shared by every iterator. */
void pt_breaker_warm(void *unused, int who);

/* Fills brk[0..len] (caller-owned, len + 1 bytes) for the UTF-8 text. The text
 * is one paragraph: "paragraph-initial" means offset 0. A '\n' gives a
 * PT_BRK_MUST after it. Cannot fail. */
void pt_breaks(pt_breaker *b, const char *text, size_t len, uint8_t *brk);

/* Same without the post-filter: raw ICU result (for the conformance tests). */
void pt_breaks_icu(pt_breaker *b, const char *text, size_t len, uint8_t *brk);

/* Ranks of an allowed break (rank[i] where brk[i] == PT_BRK_ALLOW, 0 elsewhere):
 * how much a line should want to end there. AVOID: between a numeral and its
 * counter or unit (`8|回`, `5|地|区`, `R4|年|度`): legal (reference §6.3) but
 * taken only when no other break fits. CHAR: between two characters of a word.
 * WORD: a boundary of ICU's dictionary words (`排出|削減`). PHRASE: between
 * two phrases (文節): a content word with the particles and auxiliaries that
 * follow it (`温室効果ガスの|排出削減`), as BudouX and CSS `word-break:
 * auto-phrase` group them; also after 、。」・ and spaces and before 「（. */
enum { PT_RANK_AVOID = 1, PT_RANK_CHAR = 2, PT_RANK_WORD = 3, PT_RANK_PHRASE = 4 };

/* Fills rank[0..len] (caller-owned, len + 1 bytes) for the text and its brk[]
 * from pt_breaks. Without `phrases` only AVOID and CHAR are told apart (no
 * dictionary pass). Cannot fail. */
void pt_break_ranks(pt_breaker *b, const char *text, size_t len, const uint8_t *brk,
                    bool phrases, uint8_t *rank);

/* Grapheme-cluster boundaries (emergency breaks): brk[i] = 1 where a grapheme
 * starts at i (i > 0), brk[len] = 1. */
void pt_graphemes(pt_breaker *b, const char *text, size_t len, uint8_t *brk);

/* Byte offset just past a paragraph-initial list marker, or 0 when the text
 * does not start with one. Markers: ○ ● ◎ ・ ■ □ ◆ ◇ ※ ①-⑳, or a number in
 * parentheses: ( or （, ASCII or full-width digits, ) or ）. The break filter
 * keeps a marker with its text; the line engine hangs wrapped lines after it. */
size_t pt_list_marker_end(const char *text, size_t len);

#endif
