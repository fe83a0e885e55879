/* The floor under a scatter of trivial jobs on this machine: the least any runner must do to keep the outputs of
 * N `echo i` jobs that share one stdout name. For each job: make its own directory, posix_spawn echo (resolved once
 * on PATH, as a runner does) with stdout opened on DIR/out.txt by the spawn itself, and reap it. P worker processes
 * share the N jobs, as `--parallel P` does. No JSON, no checksums, no clean-up: whatever a runner adds on top of
 * this is its own overhead. Built and run by benchmarks/cwl/scatter.sh.
 * Usage: spawn-floor N P DIR */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void run_jobs(int first, int count, const char *root) {
  for (int i = first; i < first + count; i++) {
    char dir[4096], out[4160], arg[32];
    snprintf(dir, sizeof dir, "%s/%d", root, i);
    snprintf(out, sizeof out, "%s/out.txt", dir);
    snprintf(arg, sizeof arg, "%d", i);
    if (mkdir(dir, 0755) != 0) { perror(dir); exit(1); }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char *argv[] = {"echo", arg, NULL};
    pid_t pid;
    int error = posix_spawnp(&pid, "echo", &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) { fprintf(stderr, "posix_spawnp echo: error %d\n", error); exit(1); }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: spawn-floor N P DIR\n"); return 2; }
  int n = atoi(argv[1]), p = atoi(argv[2]);
  if (n < 1 || p < 1) { fprintf(stderr, "spawn-floor: N and P must be positive\n"); return 2; }
  for (int w = 0; w < p; w++) {
    int first = (int)((long)n * w / p), last = (int)((long)n * (w + 1) / p);
    pid_t worker = fork();
    if (worker < 0) { perror("fork"); return 1; }
    if (worker == 0) { run_jobs(first, last - first, argv[3]); _exit(0); }
  }
  int failed = 0, status;
  while (wait(&status) > 0) failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  return failed;
}
