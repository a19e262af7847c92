/*
 * walk.c — a WASI program that builds, walks, rewrites, renames and deletes a directory tree
 * under the preopen /sandbox, printing what it sees. test/reference-fs-c.test.ts compiles it with
 * clang + wasi-libc and checks that the reference and node:wasi give the same stdout, exit code
 * and resulting tree.
 *
 * Output is deterministic across runtimes: directory listings are sorted, `.` and `..` skipped
 * (runtimes differ on listing them), timestamps and inode numbers never printed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROOT "/sandbox"

static int failures = 0;

static void check(int ok, const char *what) {
  if (!ok) {
    printf("FAIL %s (errno %d)\n", what, errno);
    failures++;
  }
}

/* Expect a call to fail with `want`; print the outcome either way. */
static void expect_errno(int rc, int want, const char *what) {
  if (rc == -1 && errno == want) {
    printf("ok %s -> errno %d\n", what, errno);
  } else {
    printf("FAIL %s: rc %d errno %d, want errno %d\n", what, rc, rc == -1 ? errno : 0, want);
    failures++;
  }
}

static void write_file(const char *path, const char *data, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  check(fd >= 0, path);
  if (fd < 0) return;
  size_t done = 0;
  while (done < len) {
    ssize_t n = write(fd, data + done, len - done);
    check(n > 0, "write");
    if (n <= 0) break;
    done += (size_t)n;
  }
  check(close(fd) == 0, "close");
}

/* FNV-1a of a file's bytes, read in small chunks. */
static unsigned long checksum(const char *path, long *size) {
  unsigned long h = 2166136261u;
  unsigned char buf[37];
  *size = 0;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return 0;
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) h = (h ^ buf[i]) * 16777619u;
    *size += n;
  }
  close(fd);
  return h;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in `dir` without . and .. (caller frees). */
static char **list(const char *dir, int *count) {
  DIR *d = opendir(dir);
  *count = 0;
  if (!d) {
    printf("FAIL opendir %s errno %d\n", dir, errno);
    failures++;
    return NULL;
  }
  char **names = NULL;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    names = realloc(names, sizeof *names * (size_t)(*count + 1));
    names[(*count)++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)*count, sizeof *names, cmp);
  return names;
}

static void walk(const char *dir, int depth) {
  int n;
  char **names = list(dir, &n);
  for (int i = 0; i < n; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    struct stat st;
    check(lstat(path, &st) == 0, path);
    printf("%*s%s", depth * 2, "", names[i]);
    if (S_ISLNK(st.st_mode)) {
      char target[256];
      ssize_t len = readlink(path, target, sizeof target - 1);
      target[len < 0 ? 0 : len] = 0;
      printf(" -> %s\n", target);
    } else if (S_ISDIR(st.st_mode)) {
      printf("/\n");
      walk(path, depth + 1);
    } else {
      long size;
      unsigned long sum = checksum(path, &size);
      printf(" size=%ld stat_size=%lld nlink=%llu sum=%08lx\n", size, (long long)st.st_size, (unsigned long long)st.st_nlink, sum);
    }
    free(names[i]);
  }
  free(names);
}

/* rm -rf: unlink entries while iterating the directory (cookies must stay valid). */
static void remove_tree(const char *dir) {
  DIR *d = opendir(dir);
  check(d != NULL, dir);
  if (!d) return;
  struct dirent *e;
  int removed = 0;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) remove_tree(path);
    else check(unlink(path) == 0, path);
    removed++;
  }
  closedir(d);
  check(rmdir(dir) == 0, dir);
  printf("removed %s (%d entries)\n", dir + strlen(ROOT) + 1, removed);
}

int main(void) {
  /* 1. build */
  check(mkdir(ROOT "/work", 0755) == 0, "mkdir work");
  check(mkdir(ROOT "/work/a", 0755) == 0, "mkdir a");
  check(mkdir(ROOT "/work/a/b", 0755) == 0, "mkdir b");
  check(mkdir(ROOT "/work/empty", 0755) == 0, "mkdir empty");
  write_file(ROOT "/work/hello.txt", "hello, world\n", 13);
  write_file(ROOT "/work/a/one.txt", "one\n", 4);
  write_file(ROOT "/work/a/b/two.txt", "two two\n", 8);
  static char big[20000];
  for (size_t i = 0; i < sizeof big; i++) big[i] = (char)('a' + i % 26);
  write_file(ROOT "/work/a/b/big.bin", big, sizeof big);
  check(symlink("hello.txt", ROOT "/work/link") == 0, "symlink");
  check(link(ROOT "/work/a/one.txt", ROOT "/work/one-again.txt") == 0, "link");

  /* 2. append, positional write, truncate, seek */
  int fd = open(ROOT "/work/hello.txt", O_WRONLY | O_APPEND);
  check(fd >= 0, "open append");
  check(write(fd, "more\n", 5) == 5, "append");
  close(fd);
  fd = open(ROOT "/work/a/b/big.bin", O_RDWR);
  check(fd >= 0, "open big");
  check(pwrite(fd, "XYZ", 3, 100) == 3, "pwrite");
  check(lseek(fd, 0, SEEK_END) == 20000, "lseek end");
  check(ftruncate(fd, 12345) == 0, "ftruncate");
  char head[8] = {0};
  check(lseek(fd, 98, SEEK_SET) == 98, "lseek set");
  check(read(fd, head, 7) == 7, "read");
  printf("big[98..105]=%s\n", head);
  close(fd);

  /* 3. errors every runtime agrees on */
  expect_errno(open(ROOT "/work/missing.txt", O_RDONLY), ENOENT, "open missing");
  expect_errno(mkdir(ROOT "/work/a", 0755), EEXIST, "mkdir existing");
  expect_errno(rmdir(ROOT "/work/a"), ENOTEMPTY, "rmdir non-empty");
  expect_errno(open(ROOT "/work/hello.txt", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST, "create exclusive");
  expect_errno(unlink(ROOT "/work/nope"), ENOENT, "unlink missing");

  printf("== after build\n");
  walk(ROOT, 0);

  /* 4. renames */
  check(rename(ROOT "/work/a/b", ROOT "/work/c") == 0, "rename dir");
  check(rename(ROOT "/work/hello.txt", ROOT "/work/c/hello.txt") == 0, "rename file across dirs");
  write_file(ROOT "/work/replacement.txt", "replaced\n", 9);
  check(rename(ROOT "/work/replacement.txt", ROOT "/work/a/one.txt") == 0, "rename over a file");
  check(rename(ROOT "/work/empty", ROOT "/work/still-empty") == 0, "rename empty dir");

  printf("== after renames\n");
  walk(ROOT, 0);

  /* 5. deletes */
  check(unlink(ROOT "/work/link") == 0, "unlink symlink");
  check(rmdir(ROOT "/work/still-empty") == 0, "rmdir");
  remove_tree(ROOT "/work/c");

  printf("== after deletes\n");
  walk(ROOT, 0);

  printf("failures=%d\n", failures);
  return failures == 0 ? 0 : 10 + failures;
}
