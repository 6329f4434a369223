/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-launch: time from process start to the first frame of the main
 * window, with 1,000 activities in the library, against
 * `gnome-text-editor --standalone` on the same X server.
 *
 * The library is filled the way a user would: 1,000 generated GPX files
 * through `run-sous-bpm --import DIR`. Each launch is watched from the X
 * server: the window is the first top-level mapped by the child's pid
 * with the expected title, and its first frame is the first drawing
 * (X Damage) after the server's own background paint of the map, timed
 * by the server's timestamp of it. xdotool's --sync polls twice a
 * second, too coarse for this.
 *
 * Usage: bench-launch RUN-SOUS-BPM [GNOME-TEXT-EDITOR]
 * Needs a display: meson runs it through run-under-xvfb.sh.
 */
#include "bench-common.h"
#include "rsb-store.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define BENCH              "launch"
#define N_ACTIVITIES       1000
#define N_ACTIVITY_POINTS  120
#define TARGET_RATIO       0.8
#define DEFAULT_REPS       7
#define LAUNCH_TIMEOUT_US  (60 * G_USEC_PER_SEC)
#define EXIT_TIMEOUT_US    (10 * G_USEC_PER_SEC)

typedef struct {
  Display    *display;
  Window      root;
  int         damage_event_base;
  Atom        net_wm_pid;
  Atom        net_wm_name;
  Atom        utf8_string;
  Atom        clock_atom;
  Window      clock_window;  /* unmapped: its property changes read the server's clock */
} XWatch;

typedef struct {
  const char  *name;
  const char  *argv[3];
  const char  *title;   /* part of the main window's title */
  gboolean     quiet;   /* its stderr goes to /dev/null */
} Program;

typedef struct {
  GPid     pid;
  gint64   start_us;
  Time     server_ms;   /* the server's clock ... */
  gint64   server_at_us;  /* ... read at this time of ours */
  Window   window;      /* None until the main window is mapped */
  double   map_s;
  double   frame_s;     /* < 0 until the first frame */
  gboolean in_background;  /* the server is painting the fresh map */
} Launch;

static gboolean verbose;

/* ---- the library ----------------------------------------------------- */

static void
write_activities (const char *dir)
{
  const gint64 first_ms = G_GINT64_CONSTANT (1609484400000);  /* 2021-01-01T07:00Z */
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      /* One run a day, at a slightly different time each day. */
      RsbBenchGpx spec = { first_ms + i * G_GINT64_CONSTANT (86400000) + (i % 60) * 60000,
                           N_ACTIVITY_POINTS, i + 1 };
      g_autofree char *name = g_strdup_printf ("run-%04u.gpx", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!rsb_bench_write_gpx (path, &spec, &error))
        rsb_bench_fail (BENCH, "writing the activities", error);
    }
}

static void
import_activities (const char  *app,
                   const char  *gpx_dir,
                   char       **envp)
{
  const char *argv[] = { app, "--import", gpx_dir, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    rsb_bench_fail (BENCH, "run-sous-bpm --import", error);
}

static void
check_library (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (path, &error);
  g_autoptr(GPtrArray) list = store != NULL ? rsb_store_list_activities (store, &error) : NULL;

  if (list == NULL)
    rsb_bench_fail (BENCH, "reading the library back", error);
  if (list->len != N_ACTIVITIES)
    {
      g_autofree char *what = g_strdup_printf ("the library holds %u activities, not %d",
                                               list->len, N_ACTIVITIES);
      rsb_bench_fail (BENCH, what, NULL);
    }
}

/* Both programs get the same private, empty configuration. */
static char **
child_environment (const char *scratch)
{
  static const char *homes[][2] = {
    { "RSB_DATA_DIR", "rsb-data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_STATE_HOME", "state" },
  };
  char **envp = g_get_environ ();

  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *dir = g_build_filename (scratch, homes[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      envp = g_environ_setenv (envp, homes[i][0], dir, TRUE);
    }
  /* The reference is not ours to hold to our criticals. */
  return g_environ_unsetenv (envp, "G_DEBUG");
}

/* ---- watching the X server ------------------------------------------- */

/* Windows vanish under us when their programs are killed. */
static int
ignore_x_errors (Display     *display,
                 XErrorEvent *event)
{
  return 0;
}

static void
x_watch_open (XWatch *watch)
{
  int error_base;

  if ((watch->display = XOpenDisplay (NULL)) == NULL)
    rsb_bench_skip (BENCH, "no-display");
  if (!XDamageQueryExtension (watch->display, &watch->damage_event_base, &error_base))
    rsb_bench_skip (BENCH, "no-damage-extension");
  XSetErrorHandler (ignore_x_errors);
  watch->root = DefaultRootWindow (watch->display);
  watch->net_wm_pid = XInternAtom (watch->display, "_NET_WM_PID", False);
  watch->net_wm_name = XInternAtom (watch->display, "_NET_WM_NAME", False);
  watch->utf8_string = XInternAtom (watch->display, "UTF8_STRING", False);
  watch->clock_atom = XInternAtom (watch->display, "RSB_BENCH_CLOCK", False);
  /* Damage on the root window reports drawing in every window on the
   * screen: watching from the start, no first frame can slip by. */
  XSelectInput (watch->display, watch->root, SubstructureNotifyMask);
  XDamageCreate (watch->display, watch->root, XDamageReportRawRectangles);
  watch->clock_window = XCreateWindow (watch->display, watch->root, 0, 0, 1, 1, 0, 0, InputOnly,
                                       CopyFromParent, 0, NULL);
  XSelectInput (watch->display, watch->clock_window, PropertyChangeMask);
  XSync (watch->display, False);
}

/* The X server stamps its events with its own clock, in milliseconds: a
 * round trip ties that clock to ours, so drawing is timed when the
 * server did it, not when this process got round to reading about it. */
static void
x_watch_read_clock (XWatch *watch,
                    Launch *launch)
{
  unsigned char zero[4] = { 0 };
  XEvent event;

  XChangeProperty (watch->display, watch->clock_window, watch->clock_atom, XA_INTEGER, 32,
                   PropModeReplace, zero, 1);
  XWindowEvent (watch->display, watch->clock_window, PropertyChangeMask, &event);
  launch->server_at_us = g_get_monotonic_time ();
  launch->server_ms = event.xproperty.time;
}

static gboolean
window_pid_is (XWatch *watch,
               Window  window,
               GPid    pid)
{
  Atom type;
  int format;
  unsigned long n_items, remaining;
  unsigned char *data = NULL;
  gboolean same = FALSE;

  if (XGetWindowProperty (watch->display, window, watch->net_wm_pid, 0, 1, False, XA_CARDINAL,
                          &type, &format, &n_items, &remaining, &data) == Success &&
      data != NULL && n_items == 1 && format == 32)
    same = *(unsigned long *) data == (unsigned long) pid;
  if (data != NULL)
    XFree (data);
  return same;
}

static char *
window_title (XWatch *watch,
              Window  window)
{
  Atom type;
  int format;
  unsigned long n_items, remaining;
  unsigned char *data = NULL;
  char *title = NULL;

  if (XGetWindowProperty (watch->display, window, watch->net_wm_name, 0, 1024, False,
                          watch->utf8_string, &type, &format, &n_items, &remaining, &data) == Success &&
      data != NULL && format == 8)
    title = g_strndup ((const char *) data, n_items);
  if (data != NULL)
    XFree (data);
  return title;
}

static gboolean
is_main_window (XWatch        *watch,
                Window         window,
                const Program *program,
                const Launch  *launch)
{
  g_autofree char *title = NULL;

  if (!window_pid_is (watch, window, launch->pid))
    return FALSE;
  title = window_title (watch, window);
  if (verbose)
    g_printerr ("  window 0x%lx of pid %d: “%s”\n", window, launch->pid, title ? title : "");
  return title != NULL && strstr (title, program->title) != NULL;
}

static double
launch_seconds (const Launch *launch)
{
  return rsb_bench_seconds_since (launch->start_us);
}

/* Server times wrap around every 49 days: the difference still holds. */
static double
server_seconds (const Launch *launch,
                Time          server_ms)
{
  gint32 since_clock_ms = (gint32) (guint32) (server_ms - launch->server_ms);

  return (launch->server_at_us - launch->start_us) / (double) G_USEC_PER_SEC + since_clock_ms / 1000.0;
}

static void
handle_map (XWatch        *watch,
            Window         window,
            const Program *program,
            Launch        *launch)
{
  double now = launch_seconds (launch);

  if (launch->window != None || !is_main_window (watch, window, program, launch))
    return;
  launch->window = window;
  launch->map_s = now;
  launch->in_background = TRUE;
}

/* Mapping makes the X server paint the window's background colour, in
 * the map request itself, before any drawing request of the program's
 * can run: the first run of damage rectangles after the MapNotify is
 * that paint, and the next damage is the program's first frame (one
 * program runs at a time: all drawing on the screen is its). */
static void
handle_damage (XDamageNotifyEvent *damage,
               Launch             *launch)
{
  gboolean background = launch->in_background;

  if (verbose)
    g_printerr ("  %.4f s: %s damage %d,%d %dx%d\n", server_seconds (launch, damage->timestamp),
                launch->window == None ? "early" : background ? "background" : "drawing",
                damage->area.x, damage->area.y, damage->area.width, damage->area.height);
  if (launch->window == None)
    return;
  if (background)
    launch->in_background = damage->more;
  else if (launch->frame_s < 0)
    launch->frame_s = server_seconds (launch, damage->timestamp);
}

static void
handle_event (XWatch        *watch,
              XEvent        *event,
              const Program *program,
              Launch        *launch)
{
  if (event->type == watch->damage_event_base + XDamageNotify)
    {
      handle_damage ((XDamageNotifyEvent *) event, launch);
      return;
    }
  if (event->type == MapNotify)
    handle_map (watch, event->xmap.window, program, launch);
}

static void
drain_events (XWatch *watch)
{
  XSync (watch->display, False);
  while (XPending (watch->display) > 0)
    {
      XEvent event;

      XNextEvent (watch->display, &event);
    }
}

/* ---- launching ------------------------------------------------------- */

static GPid
spawn_program (const Program  *program,
               char          **envp)
{
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL;
  g_autoptr(GError) error = NULL;
  GPid pid;

  if (program->quiet && !verbose)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;
  if (!g_spawn_async (NULL, (char **) program->argv, envp, flags, NULL, NULL, &pid, &error))
    rsb_bench_fail (BENCH, program->name, error);
  return pid;
}

static void
stop_program (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + EXIT_TIMEOUT_US;
  int status;

  kill (pid, SIGTERM);
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          break;
        }
      g_usleep (10000);
    }
  g_spawn_close_pid (pid);
}

static void
wait_for_events (XWatch       *watch,
                 const Launch *launch,
                 const char   *name)
{
  struct pollfd fd = { ConnectionNumber (watch->display), POLLIN, 0 };
  int status;

  if (XPending (watch->display) > 0)
    return;
  if (g_get_monotonic_time () - launch->start_us > LAUNCH_TIMEOUT_US)
    {
      g_autofree char *what = g_strdup_printf ("%s drew no window within %d s", name,
                                               (int) (LAUNCH_TIMEOUT_US / G_USEC_PER_SEC));

      stop_program (launch->pid);
      rsb_bench_fail (BENCH, what, NULL);
    }
  if (waitpid (launch->pid, &status, WNOHANG) == launch->pid)
    {
      g_autofree char *what = g_strdup_printf ("%s exited before drawing its window", name);

      rsb_bench_fail (BENCH, what, NULL);
    }
  if (poll (&fd, 1, 100) < 0 && errno != EINTR)
    rsb_bench_fail (BENCH, "poll", NULL);
}

static Launch
time_launch (XWatch         *watch,
             const Program  *program,
             char          **envp)
{
  Launch launch = { 0, 0, 0, 0, None, -1, -1, FALSE };

  drain_events (watch);
  if (verbose)
    g_printerr ("%s:\n", program->name);
  launch.start_us = g_get_monotonic_time ();
  x_watch_read_clock (watch, &launch);
  launch.pid = spawn_program (program, envp);
  while (launch.frame_s < 0)
    {
      XEvent event;

      wait_for_events (watch, &launch, program->name);
      while (XPending (watch->display) > 0 && launch.frame_s < 0)
        {
          XNextEvent (watch->display, &event);
          handle_event (watch, &event, program, &launch);
        }
    }
  stop_program (launch.pid);
  if (verbose)
    g_printerr ("  mapped at %.4f s, first frame at %.4f s\n", launch.map_s, launch.frame_s);
  return launch;
}

/* ---- the run --------------------------------------------------------- */

typedef struct {
  GArray *frame;
  GArray *map;
} Samples;

static void
samples_init (Samples *samples)
{
  samples->frame = g_array_new (FALSE, FALSE, sizeof (double));
  samples->map = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_add (Samples *samples,
             Launch   launch)
{
  rsb_bench_add_sample (samples->frame, launch.frame_s);
  rsb_bench_add_sample (samples->map, launch.map_s);
}

static void
samples_clear (Samples *samples)
{
  g_clear_pointer (&samples->frame, g_array_unref);
  g_clear_pointer (&samples->map, g_array_unref);
}

static int
report (Samples *app,
        Samples *reference)
{
  double median = rsb_bench_median (app->frame);
  double base, ratio;

  g_print ("bench=%s median_s=%.4f", BENCH, median);
  if (reference == NULL)
    {
      g_print (" baseline=gnome_text_editor skip=yes reason=not-found map_median_s=%.4f"
               " activities=%d repetitions=%u\n",
               rsb_bench_median (app->map), N_ACTIVITIES, app->frame->len);
      return RSB_BENCH_EXIT_SKIP;
    }
  base = rsb_bench_median (reference->frame);
  ratio = median / base;
  g_print (" baseline=gnome_text_editor median_s=%.4f ratio=%.2f target=<=%.1f pass=%s"
           " map_median_s=%.4f baseline_map_median_s=%.4f activities=%d repetitions=%u\n",
           base, ratio, TARGET_RATIO, rsb_bench_yes_no (ratio <= TARGET_RATIO),
           rsb_bench_median (app->map), rsb_bench_median (reference->map),
           N_ACTIVITIES, app->frame->len);
  return ratio <= TARGET_RATIO ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = NULL;
  g_autofree char *gpx_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_auto(GStrv) envp = NULL;
  Program app = { "run-sous-bpm", { NULL, NULL, NULL }, "Run Sous BPM", FALSE };
  Program reference = { "gnome-text-editor", { NULL, "--standalone", NULL }, "Text Editor", TRUE };
  gboolean have_reference = argc > 2 && *argv[2] != '\0';
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  Samples app_samples, reference_samples;
  XWatch watch = { 0 };
  int status;

  if (argc < 2)
    {
      g_printerr ("Usage: %s RUN-SOUS-BPM [GNOME-TEXT-EDITOR]\n", argv[0]);
      return EXIT_FAILURE;
    }
  verbose = g_getenv ("RSB_BENCH_VERBOSE") != NULL;
  app.argv[0] = argv[1];
  reference.argv[0] = have_reference ? argv[2] : NULL;
  x_watch_open (&watch);

  scratch = rsb_bench_make_tmpdir ();
  gpx_dir = g_build_filename (scratch, "gpx", NULL);
  g_mkdir_with_parents (gpx_dir, 0700);
  envp = child_environment (scratch);
  data_dir = g_strdup (g_environ_getenv (envp, "RSB_DATA_DIR"));
  write_activities (gpx_dir);
  import_activities (argv[1], gpx_dir, envp);
  check_library (data_dir);

  samples_init (&app_samples);
  samples_init (&reference_samples);
  /* Warm-ups fill the page cache and start the session bus services. */
  time_launch (&watch, &app, envp);
  if (have_reference)
    time_launch (&watch, &reference, envp);
  for (guint i = 0; i < reps; i++)
    {
      samples_add (&app_samples, time_launch (&watch, &app, envp));
      if (have_reference)
        samples_add (&reference_samples, time_launch (&watch, &reference, envp));
    }

  status = report (&app_samples, have_reference ? &reference_samples : NULL);
  samples_clear (&app_samples);
  samples_clear (&reference_samples);
  XCloseDisplay (watch.display);
  rsb_bench_remove_tree (scratch);
  return status;
}
