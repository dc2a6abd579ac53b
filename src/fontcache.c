/* fontcache.c - the SHA-256 of font files, remembered between runs (see
 * fontcache.h).
 *
 * Approach. The cache is a few lines of text, read whole and written whole:
 * a new hash is put by writing every other line and the new one to a
 * temporary file beside the cache and renaming it over the cache, so a
 * reader sees the old or the new file, never half of one. Writers take an
 * flock(2) on font-sha256.lock first, so two of them (the two faces'
 * hashing threads, or two runs) never lose each other's line. A line is
 *   <64 hex digits> <dev> <ino> <size> <mtime s> <mtime ns> <ctime s> <ctime ns>
 * and only lines of exactly that shape are used. */
#include "fontcache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

enum {
    CACHE_MAX_BYTES = 64 * 1024,  /* a larger cache file is not read (and is rewritten) */
    CACHE_MAX_LINES = 64,         /* lines kept: the newest, when more fonts come and go */
    LINE_MAX_BYTES = 256,
};

/* The cache's folder and file name into dir and file; false when neither
 * XDG_CACHE_HOME nor HOME is set to an absolute path. */
static bool cache_paths(char *dir, size_t dn, char *file, size_t fn)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(dir, dn, "%s/plantype", xdg);
    else if (home && home[0] == '/')
        n = snprintf(dir, dn, "%s/.cache/plantype", home);
    else
        return false;
    if (n < 0 || (size_t)n >= dn)
        return false;
    n = snprintf(file, fn, "%s/font-sha256", dir);
    return n >= 0 && (size_t)n < fn;
}

/* The identity part of a line ("<dev> <ino> ... <ctime ns>") for st. */
static void identity(const struct stat *st, char *out, size_t n)
{
    snprintf(out, n, "%ju %ju %jd %jd %ld %jd %ld", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino,
             (intmax_t)st->st_size, (intmax_t)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec,
             (intmax_t)st->st_ctim.tv_sec, (long)st->st_ctim.tv_nsec);
}

/* The cache file's text (NUL-terminated, heap) or NULL. */
static char *read_cache(const char *file)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *text = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < CACHE_MAX_BYTES) {
        text = pt_xrealloc(NULL, (size_t)st.st_size + 1);
        ssize_t got = read(fd, text, (size_t)st.st_size);
        if (got != st.st_size) {
            free(text);
            text = NULL;
        } else {
            text[got] = '\0';
        }
    }
    close(fd);
    return text;
}

/* True when line (without its newline) is "<64 lower-case hex> <rest>";
 * *rest points after the space. */
static bool parse_line(const char *line, size_t len, const char **rest)
{
    if (len < 66 || line[64] != ' ')
        return false;
    for (int i = 0; i < 64; i++)
        if (!((line[i] >= '0' && line[i] <= '9') || (line[i] >= 'a' && line[i] <= 'f')))
            return false;
    *rest = line + 65;
    return true;
}

/* A valid line of the cache: its text (without the newline) and where its
 * identity part starts. */
typedef struct line { const char *s, *rest; size_t len; } line;
typedef PT_VEC(line) line_vec;

/* Appends the valid lines of text (NULL: none) to *out, in order. */
static void valid_lines(const char *text, line_vec *out)
{
    for (const char *at = text; at && *at;) {
        const char *end = strchr(at, '\n');
        if (!end)
            end = at + strlen(at);
        line l = {at, NULL, (size_t)(end - at)};
        if (parse_line(at, l.len, &l.rest))
            PT_PUSH(*out, l);
        at = *end ? end + 1 : end;
    }
}

bool pt_fontcache_get(const struct stat *st, char hex[65])
{
    char dir[4096], file[4200], id[LINE_MAX_BYTES];
    if (!cache_paths(dir, sizeof dir, file, sizeof file))
        return false;
    char *text = read_cache(file);
    if (!text)
        return false;
    identity(st, id, sizeof id);
    size_t idlen = strlen(id);
    line_vec lines = {0};
    valid_lines(text, &lines);
    bool found = false;
    for (size_t i = 0; i < lines.n && !found; i++) {
        const line *l = &lines.v[i];
        if ((size_t)(l->s + l->len - l->rest) == idlen && !memcmp(l->rest, id, idlen)) {
            memcpy(hex, l->s, 64);
            hex[64] = '\0';
            found = true;
        }
    }
    free(lines.v);
    free(text);
    return found;
}

void pt_fontcache_put(const struct stat *st, const char *hex)
{
    char dir[4096], file[4200], id[LINE_MAX_BYTES], same[LINE_MAX_BYTES];
    if (strlen(hex) != 64 || !cache_paths(dir, sizeof dir, file, sizeof file))
        return;
    /* The folder (and ~/.cache) when missing; the cache is the user's alone. */
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        mkdir(dir, 0700);
        *slash = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return;
    identity(st, id, sizeof id);
    snprintf(same, sizeof same, "%ju %ju ", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
    /* One writer at a time (the two faces' hashing threads, or two runs):
     * without the lock, two read-modify-writes would lose one line. */
    char lockname[4300];
    snprintf(lockname, sizeof lockname, "%s.lock", file);
    int lock = open(lockname, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (lock < 0)
        return;
    while (flock(lock, LOCK_EX) != 0)
        if (errno != EINTR) {
            close(lock);
            return;
        }

    /* The lines kept: every valid line of another file, the newest last. */
    pt_buf out = {0};
    char *text = read_cache(file);
    line_vec all = {0}, lines = {0};
    valid_lines(text, &all);
    for (size_t i = 0; i < all.n; i++)
        if (strncmp(all.v[i].rest, same, strlen(same)))
            PT_PUSH(lines, all.v[i]);
    free(all.v);
    size_t from = lines.n >= CACHE_MAX_LINES ? lines.n - (CACHE_MAX_LINES - 1) : 0;
    for (size_t i = from; i < lines.n; i++) {
        pt_buf_add(&out, lines.v[i].s, lines.v[i].len);
        pt_buf_add(&out, "\n", 1);
    }
    pt_buf_printf(&out, "%s %s\n", hex, id);

    char tmp[4300];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", file, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        bool ok = write(fd, out.s, out.n) == (ssize_t)out.n;
        ok = close(fd) == 0 && ok;
        if (!ok || rename(tmp, file) != 0)
            unlink(tmp);
    }
    close(lock);              /* releases the lock */
    free(lines.v);
    free(text);
    pt_buf_free(&out);
}
