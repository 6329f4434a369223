/* rsb-format.c: how times and distances read, the same in the window
 * and on the command line. */
#include "config.h"

#include "rsb-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* "4:05" or "1:02:03": a position in the workout. */
char *
rsb_format_clock (double seconds)
{
  gint64 total = (gint64) llround (MAX (seconds, 0));

  if (total >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d",
                            total / 3600, (int) (total / 60 % 60), (int) (total % 60));
  return g_strdup_printf ("%d:%02d", (int) (total / 60), (int) (total % 60));
}

char *
rsb_format_distance (double metres)
{
  if (metres < 1000)
    return g_strdup_printf (_("%.0f m"), metres);
  return g_strdup_printf (_("%.2f km"), metres / 1000.0);
}

/* "45 min" or "2 h 05 min": how long something lasted. */
char *
rsb_format_duration (double seconds)
{
  gint64 minutes = (gint64) llround (MAX (seconds, 0) / 60.0);

  if (minutes < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min", minutes);
  return g_strdup_printf ("%" G_GINT64_FORMAT " h %02d min", minutes / 60, (int) (minutes % 60));
}

char *
rsb_format_iso_utc (gint64 utc_ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc_ms / 1000);

  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

char *
rsb_format_local_date (gint64 utc_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a workout's start, see g_date_time_format(): "Sun 7 Jun 2026, 08:15" */
  return local ? g_date_time_format (local, _("%a %-d %b %Y, %H:%M")) : g_strdup ("");
}

/* Without the weekday: for a phone-wide header. */
char *
rsb_format_local_date_short (gint64 utc_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a workout's start without the weekday, see g_date_time_format(): "7 Jun 2026, 08:15" */
  return local ? g_date_time_format (local, _("%-d %b %Y, %H:%M")) : g_strdup ("");
}
