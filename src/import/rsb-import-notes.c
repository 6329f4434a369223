/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-import-notes.c: which of two recordings of one workout the
 * library kept, and why, in words. Whole sentences per case, so that
 * translators never stitch fragments. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-import-notes.h"
#include "rsb-recording.h"

static const char *
channel_name (RsbStreamKind kind)
{
  switch (kind)
    {
    /* Translators: what a recording may hold, as in "it has positions, heart rate and cadence" */
    case RSB_STREAM_LAT:        return _("positions");
    case RSB_STREAM_ALTITUDE:   return _("altitude");
    case RSB_STREAM_HEART_RATE: return _("heart rate");
    case RSB_STREAM_CADENCE:    return _("cadence");
    case RSB_STREAM_DISTANCE:   return _("distance");
    case RSB_STREAM_SPEED:      return _("speed");
    case RSB_STREAM_TIME:
    case RSB_STREAM_LON:
    case RSB_N_STREAMS:
    default:                    return NULL;
    }
}

/* "heart rate", "heart rate and cadence", "altitude, heart rate and cadence" */
static char *
list_channels (guint32 channels)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  char *list;

  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      if ((channels & RSB_STREAM_BIT (kind)) && channel_name (kind) != NULL)
        g_ptr_array_add (names, (gpointer) channel_name (kind));
    }
  if (names->len == 0)
    return g_strdup ("");
  list = g_strdup (names->pdata[0]);
  for (guint i = 1; i < names->len; i++)
    {
      char *longer = i + 1 == names->len
                     /* Translators: the last two of a list, "heart rate and cadence" */
                     ? g_strdup_printf (_("%s and %s"), list, (const char *) names->pdata[i])
                     /* Translators: the others of a list, "positions, heart rate" */
                     : g_strdup_printf (_("%s, %s"), list, (const char *) names->pdata[i]);

      g_free (list);
      list = longer;
    }
  return list;
}

static char *
points (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u point", "%'u points", n), n);
}

/* The file an activity came from, or its name when it came from
 * Strava's API rather than from a file. */
static const char *
source_name (const RsbActivityInfo *info)
{
  return info->file_name != NULL && *info->file_name != '\0' ? info->file_name : info->name;
}

/* Why richer beats poorer: the channels only it has, or its points
 * and the other's. */
typedef struct {
  RsbRicher  how;
  char      *channels;
  char      *richer_points;
  char      *poorer_points;
} Reason;

static void
reason_init (Reason                *reason,
             const RsbActivityInfo *richer,
             const RsbActivityInfo *poorer)
{
  reason->how = rsb_recording_richer (richer, poorer);
  reason->channels = list_channels (rsb_recording_extra_channels (richer->channels, poorer->channels));
  reason->richer_points = points (richer->n_points);
  reason->poorer_points = points (poorer->n_points);
}

static void
reason_clear (Reason *reason)
{
  g_free (reason->channels);
  g_free (reason->richer_points);
  g_free (reason->poorer_points);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reason, reason_clear)

char *
rsb_import_note_replaced (const char            *name,
                          const RsbActivityInfo *info,
                          const RsbActivityInfo *kept)
{
  g_auto(Reason) why = { 0 };

  reason_init (&why, info, kept);
  if (why.how == RSB_RICHER_CHANNELS)
    /* Translators: "“test.tcx” replaced “no_hr.tcx”: it has heart rate" */
    return g_strdup_printf (_("“%s” replaced “%s”: it has %s"), name, source_name (kept), why.channels);
  /* Translators: "“a.fit” replaced “a.gpx”: it records more often (3,600 points against 720 points)" */
  return g_strdup_printf (_("“%s” replaced “%s”: it records more often (%s against %s)"),
                          name, source_name (kept), why.richer_points, why.poorer_points);
}

char *
rsb_import_note_kept (const char            *name,
                      const RsbActivityInfo *info,
                      const RsbActivityInfo *kept)
{
  const char *other = source_name (kept);
  g_auto(Reason) why = { 0 };

  reason_init (&why, kept, info);
  switch (why.how)
    {
    case RSB_RICHER_CHANNELS:
      /* Translators: "“no_hr.tcx” is the same workout as “test.tcx”, which has heart rate: kept “test.tcx”" */
      return g_strdup_printf (_("“%s” is the same workout as “%s”, which has %s: kept “%s”"),
                              name, other, why.channels, other);
    case RSB_RICHER_DENSER:
      return g_strdup_printf (_("“%s” is the same workout as “%s”, which records more often (%s against %s): kept “%s”"),
                              name, other, why.richer_points, why.poorer_points, other);
    case RSB_RICHER_NOT:
    default:
      return g_strdup_printf (_("“%s” is the same workout as “%s”, which records as much: kept “%s”"),
                              name, other, other);
    }
}
