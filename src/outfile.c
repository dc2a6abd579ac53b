/* outfile.c - safe output files (outfile.h).
 *
 * Approach. The target is resolved first (a symbolic link to its target) and
 * must be a regular file or not exist. The bytes go to an O_TMPFILE file in
 * the target's folder: a run killed while writing leaves nothing. When the
 * bytes are synced, linkat() gives the file a temporary name
 * "NAME.tmp-PID-XXXXXX" (through /proc/self/fd, which needs no privilege) and
 * rename() puts it over the target; the folder is synced so that the rename
 * survives a crash. Where O_TMPFILE or /proc is missing, the file is created
 * under the temporary name directly. A temporary name can outlive a run only
 * when the run is killed between the link and the rename (or, in the
 * fallback, while writing); the next run for the same target removes such
 * files whose process no longer exists. */
#define _GNU_SOURCE           /* O_TMPFILE */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

bool pt_output_check(pt_ctx *ctx, const char *path, const char *const *inputs)
{
    struct stat out;
    if (stat(path, &out) != 0) {
        struct stat l;
        if (lstat(path, &l) == 0 && S_ISLNK(l.st_mode))
            return pt_fail(ctx, _("%s: a symbolic link to a missing file; plantype writes through "
                           "a link only to an existing file"), path);
        return true;                     /* a new file */
    }
    for (const char *const *in = inputs; *in; in++) {
        struct stat st;
        if (stat(*in, &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino)
            return pt_fail(ctx, _("%s: is the input %s; refusing to write the PDF over it"), path,
                           *in);
    }
    if (!S_ISREG(out.st_mode))
        return pt_fail(ctx, _("%s: exists and is not a regular file (a device, folder, FIFO or "
                       "socket); refusing to replace it"), path);
    return true;
}

/* "dir/NAME" -> dir ("." when none) and NAME, in the heap buffers given. */
static void split_path(const char *path, char *dir, char *base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        strcpy(dir, ".");
        strcpy(base, path);
    } else {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        memcpy(dir, path, n);
        dir[n] = 0;
        strcpy(base, slash + 1);
    }
}

/* Removes "base.tmp-PID-XXXXXX" in dir whose PID is not a running process. */
static void remove_stale(int dirfd, const char *base)
{
    int fd = dup(dirfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    size_t bl = strlen(base);
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *s = e->d_name;
        if (strncmp(s, base, bl) || strncmp(s + bl, ".tmp-", 5))
            continue;
        char *end;
        long pid = strtol(s + bl + 5, &end, 10);
        if (end == s + bl + 5 || *end != '-' || strlen(end + 1) != 6 || pid <= 0
            || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
            unlinkat(dirfd, s, 0);
    }
    closedir(d);
}

/* Writes all bytes to fd and syncs it; the errno of a failure, or 0. */
static int write_all(int fd, const char *bytes, size_t n)
{
    for (size_t done = 0; done < n;) {
        ssize_t w = write(fd, bytes + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : ENOSPC;
        done += (size_t)w;
    }
    if (fsync(fd) != 0 && errno != EINVAL)
        return errno;
    return 0;
}

bool pt_write_atomic(pt_ctx *ctx, const char *path, const void *bytes, size_t n)
{
    /* the target: a symbolic link's target, which must be a regular file */
    char *target = NULL;
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        target = realpath(path, NULL);
        if (!target)
            return pt_fail(ctx, _("%s: a symbolic link to a missing file; plantype writes through "
                           "a link only to an existing file"), path);
    } else {
        target = pt_xrealloc(NULL, strlen(path) + 1);
        strcpy(target, path);
    }
    if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
        free(target);
        return pt_fail(ctx, _("%s: exists and is not a regular file (a device, folder, FIFO or "
                       "socket); refusing to replace it"), path);
    }
    size_t tl = strlen(target);
    char *dir = pt_xrealloc(NULL, tl + 2), *base = pt_xrealloc(NULL, tl + 2);
    split_path(target, dir, base);
    char *tmp = pt_xrealloc(NULL, strlen(base) + 48);
    const char *what = NULL;
    int err = 0, fd = -1;
    bool named = false;
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        what = "cannot write";
        err = errno;
        goto done;
    }
    remove_stale(dirfd, base);
    /* a temporary name no other run uses: PID and six characters from the clock */
    unsigned long long seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 20)
                            ^ (unsigned long long)(size_t)tmp;
    static const char ALNUM[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0 && (err = write_all(fd, bytes, n))) {
        what = "cannot write";
        goto done;
    }
    for (int attempt = 0; attempt < 100 && !named; attempt++) {
        char suffix[7];
        for (int i = 0; i < 6; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            suffix[i] = ALNUM[(seed >> 33) % 36];
        }
        suffix[6] = 0;
        sprintf(tmp, "%s.tmp-%ld-%s", base, (long)getpid(), suffix);
        if (fd >= 0) {
            char proc[64];
            snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
            if (linkat(AT_FDCWD, proc, dirfd, tmp, AT_SYMLINK_FOLLOW) == 0) {
                named = true;
                break;
            }
            if (errno == EEXIST)
                continue;
            close(fd);                   /* no /proc: fall back to a named file */
            fd = -1;
        }
        /* fallback: the file is created under its temporary name */
        int nfd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (nfd < 0 && errno == EEXIST)
            continue;
        if (nfd < 0) {
            what = "cannot write";
            err = errno;
            goto done;
        }
        named = true;
        if ((err = write_all(nfd, bytes, n))) {
            close(nfd);
            what = "cannot write";
            goto done;
        }
        if (close(nfd) != 0) {
            what = "cannot write";
            err = errno;
            goto done;
        }
    }
    if (!named) {
        what = "cannot create a temporary file";
        err = EEXIST;
        goto done;
    }
    if (renameat(dirfd, tmp, dirfd, base) != 0) {
        what = "cannot replace";
        err = errno;
        goto done;
    }
    named = false;                       /* the temporary is the target now */
    if (fsync(dirfd) != 0 && errno != EINVAL) {
        what = "cannot sync its folder";
        err = errno;
    }
done:
    if (named)
        unlinkat(dirfd, tmp, 0);
    if (fd >= 0)
        close(fd);
    if (dirfd >= 0)
        close(dirfd);
    if (what)
        pt_fail(ctx, "%s: %s: %s", path, what, strerror(err));
    free(tmp);
    free(dir);
    free(base);
    free(target);
    return what == NULL;
}
