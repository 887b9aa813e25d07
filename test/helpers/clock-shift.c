/*
 * A wall clock set wrong, for one process: loaded with LD_PRELOAD, it adds CLOCK_SHIFT_MS
 * (may be negative) to every reading of the real-time clock (clock_gettime CLOCK_REALTIME,
 * gettimeofday, time), as on a host whose time is off. Monotonic clocks are left alone, so
 * timers keep working. Built by test/helpers/shifted-redis.ts for a redis-server whose TIME
 * is near a chosen local midnight.
 *
 * It calls the kernel directly (no dlsym, no malloc): libfaketime does the same job but
 * deadlocks with redis-server's jemalloc, which reads the clock while libfaketime starts up.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long shift_ns(void) {
  static long long value = -1;
  if (value == -1) {
    const char *ms = getenv("CLOCK_SHIFT_MS");
    value = ms ? atoll(ms) * 1000000LL : 0;
  }
  return value;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
  int r = syscall(SYS_clock_gettime, id, ts);
  if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) {
    long long ns = (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec + shift_ns();
    ts->tv_sec = ns / 1000000000LL;
    ts->tv_nsec = ns % 1000000000LL;
  }
  return r;
}

int gettimeofday(struct timeval *tv, void *tz) {
  (void)tz;
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return -1;
  if (tv) {
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
  }
  return 0;
}

time_t time(time_t *t) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (t) *t = ts.tv_sec;
  return ts.tv_sec;
}
