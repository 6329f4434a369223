/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-activity-item.c: an activity as an entry of the sidebar's list model. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-activity-item.h"
#include "rsb-search.h"

struct _RsbActivityItem
{
  GObject          parent_instance;
  RsbActivityInfo *info;
  char            *search_text;  /* made on the first search */
};

G_DEFINE_FINAL_TYPE (RsbActivityItem, rsb_activity_item, G_TYPE_OBJECT)

static void
rsb_activity_item_finalize (GObject *object)
{
  rsb_activity_info_free (RSB_ACTIVITY_ITEM (object)->info);
  g_free (RSB_ACTIVITY_ITEM (object)->search_text);
  G_OBJECT_CLASS (rsb_activity_item_parent_class)->finalize (object);
}

static void
rsb_activity_item_class_init (RsbActivityItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_activity_item_finalize;
}

static void
rsb_activity_item_init (RsbActivityItem *self)
{
}

/* Takes ownership of info. */
RsbActivityItem *
rsb_activity_item_new (RsbActivityInfo *info)
{
  RsbActivityItem *self = g_object_new (RSB_TYPE_ACTIVITY_ITEM, NULL);

  self->info = info;
  return self;
}

const RsbActivityInfo *
rsb_activity_item_get_info (RsbActivityItem *self)
{
  return self->info;
}

/* What a person may call the sport, besides the stored word. */
static const char *
sport_words (const char *sport)
{
  if (sport == NULL)
    return "";
  if (g_str_equal (sport, "run"))
    return _("run running");
  if (g_str_equal (sport, "ride"))
    return _("ride cycling bike");
  if (g_str_equal (sport, "walk"))
    return _("walk walking");
  if (g_str_equal (sport, "hike"))
    return _("hike hiking");
  if (g_str_equal (sport, "swim"))
    return _("swim swimming");
  return "";
}

/* The date as people type it: "2024-03-02", "march", "mar", "saturday",
 * "2 march 2024", in the local time zone as the rows show it. */
static void
append_date (GString *text,
             gint64   utc_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  static const char * const formats[] = {
    "%Y-%m-%d", "%B", "%b", "%A", "%a", "%-d %B %Y", "%-d %b %Y", "%d/%m/%Y", "%x",
  };

  for (guint i = 0; local != NULL && i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *part = g_date_time_format (local, formats[i]);

      if (part != NULL)
        g_string_append_printf (text, "\n%s", part);
    }
}

/* Everything a search of the list compares against, folded. */
const char *
rsb_activity_item_get_search_text (RsbActivityItem *self)
{
  if (self->search_text == NULL)
    {
      g_autoptr(GString) text = g_string_new (self->info->name);

      g_string_append_printf (text, "\n%s %s", self->info->sport ? self->info->sport : "",
                              sport_words (self->info->sport));
      if (rsb_activity_info_has_times (self->info))
        append_date (text, self->info->start_ms);
      self->search_text = rsb_search_fold (text->str);
    }
  return self->search_text;
}
