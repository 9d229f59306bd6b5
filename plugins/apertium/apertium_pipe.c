/*
 * apertium_pipe.c - one long-lived Apertium pipeline per language pair.
 *
 * A mode file is a shell pipeline; `apertium-wblank-mode -z MODE` prints
 * its null-flush form, in which every program answers a NUL-terminated
 * request as soon as it has read it.  (The `apertium -z` wrapper cannot
 * be used: one of its own stages reads ahead and never answers while its
 * input stays open.)  The pipeline runs under /bin/sh in a process group
 * of its own, which is how it is stopped: the whole group is killed.
 *
 * Requests are pipelined: up to depth of them are in flight while the
 * answers are read back, so the stages work on different segments at the
 * same time.  The pipeline's input is one end of a socket pair, written
 * with MSG_NOSIGNAL: a pipeline that has died gives EPIPE, never a
 * SIGPIPE that would kill precis.
 *
 * When the pipeline dies, stops answering or answers out of step, it is
 * restarted and the segments that were in flight are sent again one at a
 * time: a segment that stops the pipeline again is the culprit, and gets
 * an error of its own after o->retries tries; the others go through.
 */
#define _GNU_SOURCE     /* pipe2, posix_spawn_file_actions_addclosefrom_np */
#include "apertium.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct apertium_pipe {
    apertium_mode mode;
    char *script;           /* null-flush pipeline; owned; NULL until read */
    int mark_unknown;       /* the script was started with -g, not -n */
    pid_t pid;              /* the shell, leader of the group; 0 if none */
    pid_t owner;            /* the process that started it */
    int reaped;             /* the shell has been waited for */
    int in_fd, out_fd, err_fd;
    unsigned serial;        /* next request's serial */
    unsigned starts;
    unsigned answered;      /* answers since the last start */
    char errtail[400];      /* the end of what the stages wrote to stderr */
    precis_buf rbuf;      /* answer bytes not yet up to a NUL */
};

apertium_pipe *apertium_pipe_new(const apertium_mode *mode)
{
    apertium_pipe *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->mode = *mode;
    p->in_fd = p->out_fd = p->err_fd = -1;
    p->serial = 1;
    return p;
}

const char *apertium_pipe_name(const apertium_pipe *p)
{
    return p->mode.name;
}

pid_t apertium_pipe_pgid(const apertium_pipe *p)
{
    return p->pid;
}

unsigned apertium_pipe_starts(const apertium_pipe *p)
{
    return p->starts;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

void apertium_pipe_stop(apertium_pipe *p)
{
    if (!p)
        return;
    /* A forked copy of precis (a batch worker) must not kill the
     * pipeline its parent still uses: it only lets go of it. */
    if (p->pid > 0 && p->owner == getpid()) {
        kill(-p->pid, SIGKILL);
        while (!p->reaped && waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    p->pid = 0;
    p->reaped = 0;
    close_fd(&p->in_fd);
    close_fd(&p->out_fd);
    close_fd(&p->err_fd);
    p->rbuf.len = 0;
}

void apertium_pipe_free(apertium_pipe *p)
{
    if (!p)
        return;
    apertium_pipe_stop(p);
    free(p->script);
    precis_buf_free(&p->rbuf);
    free(p);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The environment with a UTF-8 locale: the stages read wide characters
 * and fail on the C locale.  *env_out is malloc'd (the strings are
 * borrowed). */
static char **utf8_environ(void)
{
    size_t n = 0;
    while (environ && environ[n])
        n++;
    char **env = calloc(n + 2, sizeof *env);
    if (!env)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "LC_ALL=", 7))
            env[k++] = environ[i];
    env[k++] = "LC_ALL=C.UTF-8";
    env[k] = NULL;
    return env;
}

/* Spawns argv with stdin from in_fd (or /dev/null when -1), stdout and
 * stderr to the given fds, in a process group of its own, with default
 * signal handling. */
static int spawn(char *const argv[], int in_fd, int out_fd, int err_fd,
                 pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    if (posix_spawn_file_actions_init(&fa))
        return ENOMEM;
    if (posix_spawnattr_init(&at)) {
        posix_spawn_file_actions_destroy(&fa);
        return ENOMEM;
    }
    if (in_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
    else
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
    /* Descriptors precis opened without O_CLOEXEC stay out too. */
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setpgroup(&at, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP
                             | POSIX_SPAWN_SETSIGDEF
                             | POSIX_SPAWN_SETSIGMASK);
    char **env = utf8_environ();
    int rc = env ? posix_spawnp(pid, argv[0], &fa, &at, argv, env) : ENOMEM;
    free(env);
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    return rc;
}

/* Inserts stage (a command and "| ") before the first occurrence of
 * before in the script; nothing when the script has none. */
static int insert_stage(apertium_pipe *p, const char *before,
                        const char *stage, char *err, size_t errsize)
{
    const char *at = strstr(p->script, before);
    if (!at)
        return 0;
    size_t head = (size_t)(at - p->script), n = strlen(p->script);
    size_t k = strlen(stage);
    char *s = malloc(n + k + 1);
    if (!s) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    memcpy(s, p->script, head);
    memcpy(s + head, stage, k);
    memcpy(s + head + k, at, n - head + 1);
    free(p->script);
    p->script = s;
    return 0;
}

/*
 * Words written together ("two-vehicle", "3-year") reach the tagger as
 * units with no blank between them ("^two$^-$^vehicle$"), and a transfer
 * rule that reorders them copies that empty blank around the words it
 * adds: "un accidentededos vehículos", "plande3 años".  A stage after
 * the tagger writes APERTIUM_JOIN (an invisible separator) into each
 * such blank; it comes back wherever the rules put that blank.  Before
 * post-generation, which contracts "de el" to "del" and makes "la agua"
 * "el agua" only between whole words, each one between two letters or
 * digits becomes a space and the others go ("EE.UU.-based", "ir,").
 * Without a post-generation stage the answer does the same
 * (apertium_answer).  Units that one word holds
 * ("can't", joined with '+') are split only later, by
 * apertium-pretransfer, and keep no blank.  GNU sed with NUL-separated
 * records keeps the null-flush protocol: it answers each record as it
 * comes, and with its output unbuffered (stdbuf -o0; sed -u would also
 * read its input a byte at a time, a second per megabyte of the
 * stream) writes it at once.  In the C locale it reads bytes, and a
 * letter is ASCII or a two-byte UTF-8 character (Latin, Greek,
 * Cyrillic: the languages of the installed pairs).
 */
#define SED "LC_ALL=C stdbuf -o0 sed -z "
#define LETTER "\\([A-Za-z0-9]\\|[\\xc3-\\xdf][\\x80-\\xbf]\\)"
/* A word next to it may open with the generator's marks: ~ (to be
 * contracted), # * @ (unknown words, with mark_unknown). */
#define MARKED_LETTER \
    "\\([~#*@]*[A-Za-z0-9]\\|[~#*@]*[\\xc3-\\xdf][\\x80-\\xbf]\\)"
static int mark_joins(apertium_pipe *p, char *err, size_t errsize)
{
    static const char mark[] =
        SED "'s/\\([^\\\\]\\)\\$\\^/\\1$" APERTIUM_JOIN "^/g' | ";
    static const char space[] =
        SED "-e ':a' -e 's/" LETTER APERTIUM_JOIN MARKED_LETTER
        "/\\1 \\2/' "
        "-e 'ta' -e 's/" APERTIUM_JOIN "//g' | ";
    if (!strstr(p->script, "apertium-pretransfer"))
        return 0;   /* no marks, no harm */
    if (insert_stage(p, "lt-proc -z -p", space, err, errsize))
        return -1;
    return insert_stage(p, "apertium-pretransfer", mark, err, errsize);
}
#undef SED
#undef LETTER
#undef MARKED_LETTER

/* Runs `apertium-wblank-mode -z MODE` for the null-flush pipeline. */
static int read_script(apertium_pipe *p, char *err, size_t errsize)
{
    int fd[2];
    if (pipe2(fd, O_CLOEXEC)) {
        snprintf(err, errsize, "pipe: %s", strerror(errno));
        return -1;
    }
    char *argv[] = { "apertium-wblank-mode", "-z", p->mode.path, NULL };
    pid_t pid;
    int rc = spawn(argv, -1, fd[1], fd[1], &pid);
    close(fd[1]);
    if (rc) {
        close(fd[0]);
        snprintf(err, errsize, "cannot run apertium-wblank-mode (%s); "
                 "Apertium 3.8 or later is needed (apt-get install "
                 "apertium)", strerror(rc));
        return -1;
    }
    precis_buf b = { 0 };
    char chunk[4096];
    ssize_t got;
    while ((got = read(fd[0], chunk, sizeof chunk)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        precis_buf_append(&b, chunk, (size_t)got);
    }
    close(fd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    while (b.len && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == ' '))
        b.s[--b.len] = '\0';
    if (!WIFEXITED(status) || WEXITSTATUS(status) || !b.len || b.oom) {
        snprintf(err, errsize, "apertium-wblank-mode -z %s failed%s%.200s",
                 p->mode.path, b.len ? ": " : "", b.len ? b.s : "");
        precis_buf_free(&b);
        return -1;
    }
    p->script = b.s;
    return mark_joins(p, err, errsize);
}

static int nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int start(apertium_pipe *p, int mark_unknown, char *err,
                 size_t errsize)
{
    if (!p->script && read_script(p, err, errsize))
        return -1;
    int sv[2], out[2] = { -1, -1 }, ev[2] = { -1, -1 };
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
        snprintf(err, errsize, "socketpair: %s", strerror(errno));
        return -1;
    }
    if (pipe2(out, O_CLOEXEC) || pipe2(ev, O_CLOEXEC)) {
        snprintf(err, errsize, "pipe: %s", strerror(errno));
        close(sv[0]), close(sv[1]);
        close_fd(&out[0]), close_fd(&out[1]), close_fd(&ev[0]);
        return -1;
    }
    /* sh -c SCRIPT NAME $1 $2: $1 is the generator's flag (-g marks
     * unknown words, -n does not), $2 the tagger's extra flag (none). */
    char *argv[] = { "/bin/sh", "-c", p->script, "apertium",
                     mark_unknown ? "-g" : "-n", "", NULL };
    pid_t pid;
    int rc = spawn(argv, sv[1], out[1], ev[1], &pid);
    close(sv[1]), close(out[1]), close(ev[1]);
    if (rc) {
        close(sv[0]), close(out[0]), close(ev[0]);
        snprintf(err, errsize, "cannot start /bin/sh for the Apertium "
                 "pipeline %s: %s", p->mode.name, strerror(rc));
        return -1;
    }
    nonblock(sv[0]);
    nonblock(out[0]);
    nonblock(ev[0]);
    shutdown(sv[0], SHUT_RD);
    p->pid = pid;
    p->owner = getpid();
    p->in_fd = sv[0];
    p->out_fd = out[0];
    p->err_fd = ev[0];
    p->mark_unknown = mark_unknown;
    p->answered = 0;
    p->errtail[0] = '\0';
    p->rbuf.len = 0;
    p->starts++;
    return 0;
}

/* Keeps the last bytes the stages wrote to stderr, for messages. */
static void drain_stderr(apertium_pipe *p)
{
    char chunk[1024];
    for (;;) {
        ssize_t got = p->err_fd >= 0 ? read(p->err_fd, chunk, sizeof chunk)
                                     : 0;
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                close_fd(&p->err_fd);
            return;
        }
        size_t keep = sizeof p->errtail - 1, have = strlen(p->errtail);
        size_t g = (size_t)got > keep ? keep : (size_t)got;
        const char *src = chunk + got - g;
        if (have + g > keep) {
            memmove(p->errtail, p->errtail + (have + g - keep),
                    keep - g);
            have = keep - g;
        }
        memcpy(p->errtail + have, src, g);
        p->errtail[have + g] = '\0';
    }
}

/* The stderr tail as one line. */
static const char *err_line(apertium_pipe *p, char *buf, size_t size)
{
    drain_stderr(p);
    size_t k = 0;
    for (const char *s = p->errtail; *s && k + 1 < size; s++)
        buf[k++] = (*s == '\n' || *s == '\r') ? ' ' : *s;
    while (k && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
    return buf;
}

/* ---- one batch ---- */

typedef struct run_state {
    apertium_pipe *p;
    apertium_job *jobs;
    size_t n;
    const apertium_opts *o;
    unsigned *serial;       /* of each job in flight */
    size_t head;            /* first unfinished job */
    size_t next;            /* next job to send; [head, next) in flight */
    size_t careful_until;   /* below this, one request at a time */
    precis_buf wbuf;      /* request bytes not yet written */
    size_t wpos;
    double progress;        /* last answer, or when head was sent */
    unsigned dead_starts;   /* starts in a row that answered nothing */
    unsigned noted;         /* the start last reported */
    void (*log)(void *, int, const char *);
    void *ud;
} run_state;

static void note(run_state *s, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(run_state *s, int level, const char *fmt, ...)
{
    if (!s->log)
        return;
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->log(s->ud, level, msg);
}

/* The pipeline failed (why): restart it and send what was in flight
 * again, one at a time; with one in flight, that one is to blame. */
static void failed(run_state *s, const char *why)
{
    apertium_pipe *p = s->p;
    char tail[256];
    err_line(p, tail, sizeof tail);
    if (!p->answered)
        s->dead_starts++;
    size_t inflight = s->next - s->head;
    note(s, 1, "Apertium pipeline %s (process group %ld) %s%s%s; "
         "restarting it%s", p->mode.name, (long)p->pid, why,
         tail[0] ? ": " : "", tail,
         inflight ? " and sending the segments in flight again" : "");
    apertium_pipe_stop(p);
    if (inflight == 1 && s->head < s->careful_until) {
        apertium_job *j = &s->jobs[s->head];
        if (++j->tries > s->o->retries) {
            char msg[512];
            snprintf(msg, sizeof msg, "the Apertium pipeline %s %s on this "
                     "segment, %d times%s%s", p->mode.name, why, j->tries,
                     tail[0] ? ": " : "", tail);
            j->err = strdup(msg);
            s->head++;
        }
    } else if (inflight) {
        /* Any of them may be the cause: each has had a try. */
        for (size_t i = s->head; i < s->next; i++)
            if (s->jobs[i].tries < s->o->retries)
                s->jobs[i].tries++;
        s->careful_until = s->next;
    }
    s->next = s->head;
    s->wbuf.len = 0;
    s->wpos = 0;
}

static void queue(run_state *s)
{
    size_t window = s->next < s->careful_until ? 1
                  : (size_t)(s->o->depth > 0 ? s->o->depth : 1);
    while (s->next < s->n && s->next - s->head < window) {
        apertium_job *j = &s->jobs[s->next];
        if (s->next == s->head)
            s->progress = now_ms();
        s->serial[s->next] = s->p->serial++;
        apertium_request(&s->wbuf, j->src, j->len, s->serial[s->next]);
        s->next++;
    }
}

/* Takes the whole answers out of rbuf.  -1 when one is out of step. */
static int take_answers(run_state *s)
{
    apertium_pipe *p = s->p;
    precis_buf text = { 0 };
    size_t used = 0;
    int rc = 0;
    if (!p->rbuf.len)
        return 0;
    for (;;) {
        char *nul = memchr(p->rbuf.s + used, '\0', p->rbuf.len - used);
        if (!nul)
            break;
        size_t len = (size_t)(nul - (p->rbuf.s + used));
        const char *r = p->rbuf.s + used;
        used += len + 1;
        if (s->head == s->next) {
            rc = -1;        /* an answer nobody asked for */
            break;
        }
        apertium_job *j = &s->jobs[s->head];
        if (apertium_answer(r, len, s->serial[s->head], j->src, j->len,
                            &text)) {
            rc = -1;
            break;
        }
        j->out = malloc(text.len + 1);
        if (!j->out) {
            j->err = strdup("out of memory");
        } else {
            memcpy(j->out, text.s ? text.s : "", text.len);
            j->out[text.len] = '\0';
            j->out_len = text.len;
        }
        s->head++;
        p->answered++;
        s->dead_starts = 0;
        s->progress = now_ms();
    }
    precis_buf_free(&text);
    memmove(p->rbuf.s, p->rbuf.s + used, p->rbuf.len - used);
    p->rbuf.len -= used;
    return rc;
}

/* Reads what the pipeline has written.  1: it closed its output. */
static int read_out(run_state *s)
{
    char chunk[16384];
    for (;;) {
        ssize_t got = read(s->p->out_fd, chunk, sizeof chunk);
        if (got > 0) {
            precis_buf_append(&s->p->rbuf, chunk, (size_t)got);
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        return 1;
    }
}

/* Writes pending request bytes.  -1: the pipeline is gone. */
static int write_in(run_state *s)
{
    while (s->wpos < s->wbuf.len) {
        ssize_t put = send(s->p->in_fd, s->wbuf.s + s->wpos,
                           s->wbuf.len - s->wpos,
                           MSG_NOSIGNAL | MSG_DONTWAIT);
        if (put > 0) {
            s->wpos += (size_t)put;
            continue;
        }
        if (put < 0 && errno == EINTR)
            continue;
        if (put < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        return -1;
    }
    s->wbuf.len = s->wpos = 0;
    return 0;
}

/* One round of waiting.  Returns -1 when the pipeline cannot be used
 * (err filled), 0 otherwise. */
static int step(run_state *s, char *err, size_t errsize)
{
    apertium_pipe *p = s->p;
    queue(s);
    struct pollfd fds[3] = {
        { p->out_fd, POLLIN, 0 },
        { p->err_fd, POLLIN, 0 },
        { s->wpos < s->wbuf.len ? p->in_fd : -1, POLLOUT, 0 },
    };
    double limit = s->o->timeout_ms
                 + (p->answered ? 0 : s->o->start_timeout_ms);
    double wait = s->progress + limit - now_ms();
    int rc = poll(fds, 3, wait < 0 ? 0 : wait > 1e9 ? 1000000000
                                                    : (int)wait + 1);
    if (rc < 0 && errno == EINTR)
        return 0;
    if (rc < 0) {
        snprintf(err, errsize, "poll: %s", strerror(errno));
        return -1;
    }
    if (rc == 0) {
        char why[96];
        snprintf(why, sizeof why, "gave no answer in %.0f ms", limit);
        failed(s, why);
        return 0;
    }
    if (fds[1].revents)
        drain_stderr(p);
    if (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
        if (write_in(s)) {
            failed(s, "stopped reading");
            return 0;
        }
    }
    if (fds[0].revents) {
        int closed = read_out(s);
        if (take_answers(s)) {
            failed(s, "answered out of step");
            return 0;
        }
        if (closed) {
            int status = 0;
            char why[96] = "stopped";
            if (p->owner == getpid()
                && waitpid(p->pid, &status, WNOHANG) == p->pid) {
                if (WIFSIGNALED(status))
                    snprintf(why, sizeof why, "was killed by signal %d",
                             WTERMSIG(status));
                else
                    snprintf(why, sizeof why, "exited with status %d",
                             WEXITSTATUS(status));
                p->reaped = 1;
            }
            failed(s, why);
        }
    }
    return 0;
}

/* A pipeline inherited across fork is the parent's; one started with the
 * other unknown-word flag is the wrong one. */
static void check_owner(apertium_pipe *p, const apertium_opts *o)
{
    if (p->pid && p->owner != getpid()) {
        p->owner = 0;
        apertium_pipe_stop(p);
    }
    if (p->pid && p->mark_unknown != o->mark_unknown)
        apertium_pipe_stop(p);
}

int apertium_pipe_warm(apertium_pipe *p, const apertium_opts *o, char *err,
                       size_t errsize)
{
    check_owner(p, o);
    return p->pid ? 0 : start(p, o->mark_unknown, err, errsize);
}

int apertium_pipe_run(apertium_pipe *p, apertium_job *jobs, size_t n,
                      const apertium_opts *o,
                      void (*log)(void *ud, int level, const char *msg),
                      void *ud, char *err, size_t errsize)
{
    check_owner(p, o);
    run_state s = { .p = p, .jobs = jobs, .n = n, .o = o, .log = log,
                    .ud = ud, .noted = p->pid ? p->starts : 0 };
    s.serial = calloc(n ? n : 1, sizeof *s.serial);
    if (!s.serial) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    int rc = 0;
    while (s.head < n && !rc) {
        if (!p->pid) {
            if (s.dead_starts >= (unsigned)o->retries + 2) {
                char tail[256];
                snprintf(err, errsize, "the Apertium pipeline %s stops "
                         "without answering (%s)", p->mode.name,
                         p->errtail[0] ? err_line(p, tail, sizeof tail)
                                       : "no message");
                rc = -1;
                break;
            }
            if ((rc = start(p, o->mark_unknown, err, errsize)))
                break;
            s.progress = now_ms();
        }
        if (p->starts != s.noted) {
            /* Tests and people find the group to kill here. */
            note(&s, 2, "started Apertium pipeline %s (process group %ld)",
                 p->mode.name, (long)p->pid);
            s.noted = p->starts;
        }
        rc = step(&s, err, errsize);
        if (s.wbuf.oom || p->rbuf.oom) {
            snprintf(err, errsize, "out of memory");
            rc = -1;
        }
    }
    if (rc)
        apertium_pipe_stop(p);
    /* Requests written but not answered would come back in the next
     * batch, out of step: a batch that ends early stops the pipeline. */
    else if (s.next != s.head)
        apertium_pipe_stop(p);
    precis_buf_free(&s.wbuf);
    free(s.serial);
    return rc;
}
