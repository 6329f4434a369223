/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-memory.c: allocation for the large buffers of an import. */
#include "config.h"

#include "rsb-memory.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Below this, malloc serves from memory the process already touched. */
#define PREFAULT_MIN_BYTES (256 * 1024)

static void
prefault (gpointer data,
          gsize    bytes)
{
#ifdef MADV_POPULATE_WRITE
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) data + page - 1) & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) data + bytes) & ~(guintptr) (page - 1);

  /* Best effort: older kernels answer EINVAL and pages fault as usual. */
  if (end > start)
    (void) madvise ((void *) start, end - start, MADV_POPULATE_WRITE);
#endif
}

#define HUGE_PAGE (2 * 1024 * 1024)

gpointer
rsb_malloc_filled (gsize bytes)
{
  gpointer data = NULL;

  if (bytes < PREFAULT_MIN_BYTES)
    return g_malloc (bytes);
#ifdef MADV_HUGEPAGE
  if (posix_memalign (&data, HUGE_PAGE, bytes) != 0)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, bytes);
  (void) madvise (data, bytes, MADV_HUGEPAGE);
#else
  data = g_malloc (bytes);
#endif
  prefault (data, bytes);
  return data;
}
