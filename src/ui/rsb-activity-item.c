/* rsb-activity-item.c: an activity as an entry of the sidebar's list model. */
#include "rsb-activity-item.h"

struct _RsbActivityItem
{
  GObject          parent_instance;
  RsbActivityInfo *info;
};

G_DEFINE_FINAL_TYPE (RsbActivityItem, rsb_activity_item, G_TYPE_OBJECT)

static void
rsb_activity_item_finalize (GObject *object)
{
  rsb_activity_info_free (RSB_ACTIVITY_ITEM (object)->info);
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
