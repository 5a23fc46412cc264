// first-calls: runs a program under ptrace with a breakpoint on the first byte of every function
// given on stdin ("hexaddress name" lines), and writes each function's name to ORDER-FILE the first
// time any thread of the program (or of a child it forks before exec) enters it, in that order.
// Each breakpoint is removed when it is hit, so a function costs one trap however often it runs.
// The executable must not be position-independent: the addresses are taken from its symbol table.
//
// usage: nm -n --defined-only BIN | awk '$2 ~ /^[tT]$/ {print $1, $3}' | first-calls ORDER-FILE BIN ARGS...
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct { uint64_t address; char *name; unsigned char original; int hit; } Breakpoint;

static Breakpoint *points;
static size_t count;

static int by_address(const void *a, const void *b)
{
    uint64_t x = ((const Breakpoint *)a)->address, y = ((const Breakpoint *)b)->address;
    return x < y ? -1 : x > y;
}

static Breakpoint *find(uint64_t address)
{
    Breakpoint key = { .address = address };
    return bsearch(&key, points, count, sizeof *points, by_address);
}

static void read_symbols(void)
{
    size_t capacity = 1 << 16;
    points = malloc(capacity * sizeof *points);
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        char *space = strchr(line, ' ');
        if (!space) continue;
        line[strcspn(line, "\n")] = 0;
        if (count == capacity) points = realloc(points, (capacity *= 2) * sizeof *points);
        points[count].address = strtoull(line, NULL, 16);
        points[count].name = strdup(space + 1);
        points[count].hit = 0;
        count++;
    }
    qsort(points, count, sizeof *points, by_address);
    // Aliases (one address, several names) keep one breakpoint.
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (kept == 0 || points[kept - 1].address != points[i].address) points[kept++] = points[i];
    count = kept;
}

static int memory_of(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    return open(path, O_RDWR);
}

static void arm(pid_t pid)
{
    int mem = memory_of(pid);
    if (mem < 0) { perror("open mem"); exit(2); }
    unsigned char trap = 0xCC;
    for (size_t i = 0; i < count; i++) {
        if (pread(mem, &points[i].original, 1, (off_t)points[i].address) != 1) { points[i].hit = 1; continue; }
        if (pwrite(mem, &trap, 1, (off_t)points[i].address) != 1) { perror("arm"); exit(2); }
    }
    close(mem);
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: first-calls ORDER-FILE PROGRAM ARGS... < symbols\n"); return 2; }
    FILE *order = fopen(argv[1], "w");
    if (!order) { perror(argv[1]); return 2; }
    read_symbols();
    pid_t child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        execv(argv[2], argv + 2);
        perror("execv");
        _exit(127);
    }
    int status;
    waitpid(child, &status, 0); // stopped at the exec
    ptrace(PTRACE_SETOPTIONS, child, NULL,
           (void *)(PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL));
    arm(child);
    ptrace(PTRACE_CONT, child, NULL, NULL);
    int exit_code = 0;
    for (;;) {
        pid_t tid = waitpid(-1, &status, __WALL);
        if (tid < 0) { if (errno == EINTR) continue; break; }
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            if (tid == child) exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            continue;
        }
        if (!WIFSTOPPED(status)) continue;
        int sig = WSTOPSIG(status);
        if (sig == SIGTRAP && (status >> 16) == PTRACE_EVENT_EXEC) {
            // A child that runs another program has none of our breakpoints left to hit.
            ptrace(PTRACE_DETACH, tid, NULL, NULL);
            continue;
        }
        if (sig == SIGTRAP && (status >> 16) != 0) { ptrace(PTRACE_CONT, tid, NULL, NULL); continue; } // clone/fork event
        if (sig == SIGTRAP) {
            struct user_regs_struct regs;
            ptrace(PTRACE_GETREGS, tid, NULL, &regs);
            Breakpoint *point = find(regs.rip - 1);
            if (point) {
                // Restore the byte in this process (a forked child has its own copy of the text).
                int mem = memory_of(tid);
                unsigned char current = 0;
                if (pread(mem, &current, 1, (off_t)point->address) == 1 && current == 0xCC)
                    pwrite(mem, &point->original, 1, (off_t)point->address);
                close(mem);
                if (!point->hit) { point->hit = 1; fprintf(order, "%s\n", point->name); }
                regs.rip -= 1;
                ptrace(PTRACE_SETREGS, tid, NULL, &regs);
                ptrace(PTRACE_CONT, tid, NULL, NULL);
                continue;
            }
            ptrace(PTRACE_CONT, tid, NULL, (void *)(long)sig);
            continue;
        }
        // A new thread or forked child starts with SIGSTOP: let it run; other signals go to the program.
        ptrace(PTRACE_CONT, tid, NULL, sig == SIGSTOP ? NULL : (void *)(long)sig);
    }
    fclose(order);
    return exit_code;
}
