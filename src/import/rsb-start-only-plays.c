/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-start-only-plays.c: plays of histories that only say when a listen began. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-start-only-plays.h"

#include "rsb-import-error.h"
#include "rsb-open-plays.h"

struct _RsbStartOnlyPlays
{
  GPtrArray *plays;   /* RsbPlay *, owned */
};

RsbStartOnlyPlays *
rsb_start_only_plays_new (void)
{
  RsbStartOnlyPlays *self = g_new0 (RsbStartOnlyPlays, 1);

  self->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  return self;
}

void
rsb_start_only_plays_free (RsbStartOnlyPlays *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->plays);
  g_free (self);
}

void
rsb_start_only_plays_add (RsbStartOnlyPlays *self,
                          const RsbPlay     *play)
{
  g_ptr_array_add (self->plays, rsb_play_copy (play));
}

guint
rsb_start_only_plays_len (RsbStartOnlyPlays *self)
{
  return self->plays->len;
}

gboolean
rsb_start_only_plays_emit (RsbStartOnlyPlays  *self,
                           const char         *display_name,
                           RsbPlayFunc         func,
                           gpointer            user_data,
                           guint              *n_emitted,
                           GError            **error)
{
  *n_emitted = 0;
  rsb_plays_close_open_ends (self->plays);
  for (guint i = 0; i < self->plays->len; i++)
    {
      GError *local_error = NULL;

      if (!func (g_ptr_array_index (self->plays, i), user_data, &local_error))
        {
          if (local_error == NULL)
            g_set_error (&local_error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                         _("Reading “%s” was stopped"), display_name);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      (*n_emitted)++;
    }
  return TRUE;
}
