/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli-share-video.c: --export-video, a workout as a video to share. */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "rsb-cli-private.h"
#include "rsb-activity.h"
#include "rsb-share-video.h"

/* On a terminal only: scripts reading stderr get the errors alone. */
static void
print_progress (double   fraction,
                gpointer user_data)
{
  int *shown = user_data;
  int percent = (int) (fraction * 100);

  if (percent == *shown)
    return;
  *shown = percent;
  /* Back to the start of the line: each figure replaces the last. */
  g_printerr ("\r");
  /* Translators: progress of --export-video on the terminal */
  g_printerr (_("Rendering the video… %d %%"), percent);
}

/* Ctrl+C or a kill while rendering cancels the render, so the hidden
 * temporary file goes with it. The signals are blocked in every thread
 * (GStreamer's included, which start after) and taken by one waiting
 * thread; SIGUSR1 tells it the render is over. */
typedef struct {
  sigset_t      signals;
  pthread_t     thread;
  GCancellable *cancellable;
} Interrupt;

static void *
wait_for_interrupt (void *data)
{
  Interrupt *interrupt = data;
  int received = 0;

  if (sigwait (&interrupt->signals, &received) == 0 && received != SIGUSR1)
    g_cancellable_cancel (interrupt->cancellable);
  return NULL;
}

static gboolean
interrupt_start (Interrupt *interrupt)
{
  sigemptyset (&interrupt->signals);
  sigaddset (&interrupt->signals, SIGINT);
  sigaddset (&interrupt->signals, SIGTERM);
  sigaddset (&interrupt->signals, SIGUSR1);
  interrupt->cancellable = g_cancellable_new ();
  return pthread_sigmask (SIG_BLOCK, &interrupt->signals, NULL) == 0 &&
         pthread_create (&interrupt->thread, NULL, wait_for_interrupt, interrupt) == 0;
}

static void
interrupt_stop (Interrupt *interrupt)
{
  pthread_kill (interrupt->thread, SIGUSR1);
  pthread_join (interrupt->thread, NULL);
  g_clear_object (&interrupt->cancellable);
}

int
rsb_cli_export_video (gint64      activity_id,
                      const char *output,
                      const char *duration,
                      const char *size)
{
  g_autoptr(RsbSharePictureOptions) options = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(RsbShareVideo) video = NULL;
  g_autoptr(GError) error = NULL;
  int width = RSB_SHARE_VIDEO_WIDTH, height = RSB_SHARE_VIDEO_HEIGHT;
  guint seconds = RSB_SHARE_VIDEO_DURATION_S;
  gboolean terminal = isatty (STDERR_FILENO);
  int shown = -1;
  Interrupt interrupt;
  gboolean saved;

  if (output == NULL)
    {
      g_printerr (_("--export-video needs -o FILE.webm\n"));
      return EXIT_USAGE;
    }
  if (duration != NULL && !rsb_share_video_parse_duration (duration, &seconds))
    {
      g_printerr (_("Unknown duration “%s”: use 15, 30 or 60 seconds\n"), duration);
      return EXIT_USAGE;
    }
  if (size != NULL && !rsb_share_picture_parse_size (size, &width, &height))
    {
      g_printerr (_("Unknown size “%s”: use WIDTHxHEIGHT, each side from %d to %d pixels, "
                    "for example 1080x1920 or 1920x1080\n"),
                  size, RSB_SHARE_PICTURE_MIN_SIDE, RSB_SHARE_PICTURE_MAX_SIDE);
      return EXIT_USAGE;
    }
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  if ((activity = rsb_activity_load (store, activity_id, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  options = rsb_share_picture_options_new_default ();
  options->width = width;
  options->height = height;
  if ((video = rsb_share_video_new (activity, options, seconds, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!interrupt_start (&interrupt))
    {
      g_printerr ("%s\n", g_strerror (errno));
      return EXIT_FAILURE;
    }
  saved = rsb_share_video_save (video, output, terminal ? print_progress : NULL, &shown,
                                interrupt.cancellable, &error);
  interrupt_stop (&interrupt);
  if (terminal && shown >= 0)
    g_printerr ("\n");
  if (!saved && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: after Ctrl+C during --export-video; %s is the file */
      g_printerr (_("Stopped: the video “%s” was not saved\n"), output);
      /* As a shell reports a program stopped by Ctrl+C. */
      return 128 + SIGINT;
    }
  if (!saved)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
