/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup-task.c: the online tempo lookup in the background. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-tempo-lookup-task.h"

struct _RsbTempoLookupTask
{
  GObject                 parent_instance;

  GSettings              *settings;
  GCancellable           *cancellable;   /* non-NULL while busy */
  GError                 *error;
  gint64                  resume_ms;
  guint                   resume_timeout;

  GMutex                  mutex;         /* progress crosses threads */
  RsbTempoLookupProgress  progress;
  gboolean                has_progress;
  guint                   changed_idle;
  gboolean                restart;   /* the consent changed while a run was going */
};

enum { CHANGED, FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsbTempoLookupTask, rsb_tempo_lookup_task, G_TYPE_OBJECT)

typedef struct {
  gboolean  enabled[RSB_TEMPO_N_SERVICES];
  char     *store_path;
  guint     n_found;
  gint64    resume_ms;
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job);
}

static void
rsb_tempo_lookup_task_finalize (GObject *object)
{
  RsbTempoLookupTask *self = RSB_TEMPO_LOOKUP_TASK (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_handle_id (&self->changed_idle, g_source_remove);
  g_clear_handle_id (&self->resume_timeout, g_source_remove);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (rsb_tempo_lookup_task_parent_class)->finalize (object);
}

static void
rsb_tempo_lookup_task_class_init (RsbTempoLookupTaskClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_tempo_lookup_task_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

/* A run takes the switches as they were when it began. Turning one off
 * must stop what is sent to that service at once, not when the run
 * ends: the run stops, and starts again with the switches as they are
 * (the lookups table keeps what was done). Turning one on joins it the
 * same way. */
static void
on_consent_changed (RsbTempoLookupTask *self,
                    const char         *key)
{
  if (self->cancellable == NULL)
    return;
  self->restart = TRUE;
  g_cancellable_cancel (self->cancellable);
}

static void
rsb_tempo_lookup_task_init (RsbTempoLookupTask *self)
{
  g_mutex_init (&self->mutex);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::tempo-lookup-deezer", G_CALLBACK (on_consent_changed), self);
  g_signal_connect_swapped (self->settings, "changed::tempo-lookup-reccobeats", G_CALLBACK (on_consent_changed), self);
}

RsbTempoLookupTask *
rsb_tempo_lookup_task_get_default (void)
{
  static RsbTempoLookupTask *task;

  if (task == NULL)
    task = g_object_new (RSB_TYPE_TEMPO_LOOKUP_TASK, NULL);
  return task;
}

static gboolean
emit_changed (gpointer user_data)
{
  RsbTempoLookupTask *self = user_data;

  g_mutex_lock (&self->mutex);
  self->changed_idle = 0;
  g_mutex_unlock (&self->mutex);
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* On the worker: keep the latest, and let the main thread know once. */
static void
on_progress (const RsbTempoLookupProgress *progress,
             gpointer                      user_data)
{
  RsbTempoLookupTask *self = user_data;

  g_mutex_lock (&self->mutex);
  self->progress = *progress;
  self->has_progress = TRUE;
  if (self->changed_idle == 0)
    self->changed_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, emit_changed, self, NULL);
  g_mutex_unlock (&self->mutex);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RsbTempoLookupTask *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (job->store_path, &error);
  g_autoptr(RsbTempoLookup) lookup = NULL;
  g_autoptr(RsbApiClient) spotify = NULL;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  lookup = rsb_tempo_lookup_new (store);
  for (guint i = 0; i < RSB_TEMPO_N_SERVICES; i++)
    {
      g_autoptr(RsbCatalogueClient) client = NULL;

      if (!job->enabled[i])
        continue;
      if ((client = rsb_tempo_lookup_new_client (i, &error)) == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      rsb_tempo_lookup_set_client (lookup, i, client);
    }
  if (job->enabled[RSB_TEMPO_SERVICE_DEEZER] && (spotify = rsb_tempo_lookup_spotify_client (store, cancellable)) != NULL)
    rsb_tempo_lookup_set_spotify (lookup, spotify);
  rsb_tempo_lookup_set_progress (lookup, on_progress, self);
  rsb_tempo_lookup_run (lookup, cancellable, &error);
  for (guint i = 0; i < RSB_TEMPO_N_SERVICES; i++)
    {
      job->n_found += rsb_tempo_lookup_get_n_found (lookup, i);
      job->resume_ms = MAX (job->resume_ms, rsb_tempo_lookup_get_paused_until (lookup, i));
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
resume (gpointer user_data)
{
  RsbTempoLookupTask *self = user_data;

  self->resume_timeout = 0;
  rsb_tempo_lookup_task_start (self);
  return G_SOURCE_REMOVE;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RsbTempoLookupTask *self = RSB_TEMPO_LOOKUP_TASK (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->error = g_steal_pointer (&error);
  self->resume_ms = job->resume_ms;
  /* Stopped by a quota: carry on by itself once it is back. */
  if (self->error != NULL && self->resume_ms > 0)
    {
      gint64 wait_s = (self->resume_ms - g_get_real_time () / 1000) / 1000 + 1;

      g_clear_handle_id (&self->resume_timeout, g_source_remove);
      self->resume_timeout = g_timeout_add_seconds ((guint) CLAMP (wait_s, 1, 24 * 3600), resume, self);
    }
  g_mutex_lock (&self->mutex);
  self->has_progress = FALSE;
  g_mutex_unlock (&self->mutex);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[FINISHED], 0, job->n_found);
  /* Stopped because a switch changed: carry on with what is on now
   * (nothing, when both are off), where the run stopped. */
  if (self->restart)
    {
      self->restart = FALSE;
      rsb_tempo_lookup_task_start (self);
    }
}

gboolean
rsb_tempo_lookup_task_start (RsbTempoLookupTask *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_val_if_fail (RSB_IS_TEMPO_LOOKUP_TASK (self), FALSE);

  if (self->cancellable != NULL)
    return FALSE;
  job = g_new0 (Job, 1);
  job->enabled[RSB_TEMPO_SERVICE_DEEZER] = g_settings_get_boolean (self->settings, "tempo-lookup-deezer");
  job->enabled[RSB_TEMPO_SERVICE_RECCOBEATS] = g_settings_get_boolean (self->settings, "tempo-lookup-reccobeats");
  if (!job->enabled[RSB_TEMPO_SERVICE_DEEZER] && !job->enabled[RSB_TEMPO_SERVICE_RECCOBEATS])
    {
      job_free (job);
      return FALSE;
    }
  job->store_path = rsb_store_default_path ();
  g_clear_handle_id (&self->resume_timeout, g_source_remove);
  self->cancellable = g_cancellable_new ();
  g_clear_error (&self->error);
  self->resume_ms = 0;
  task = g_task_new (self, self->cancellable, on_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_in_thread);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
rsb_tempo_lookup_task_cancel (RsbTempoLookupTask *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
rsb_tempo_lookup_task_is_busy (RsbTempoLookupTask *self)
{
  return self->cancellable != NULL;
}

gboolean
rsb_tempo_lookup_task_get_progress (RsbTempoLookupTask     *self,
                                    RsbTempoLookupProgress *progress)
{
  gboolean has;

  g_mutex_lock (&self->mutex);
  has = self->has_progress;
  *progress = self->progress;
  g_mutex_unlock (&self->mutex);
  return has;
}

const GError *
rsb_tempo_lookup_task_get_error (RsbTempoLookupTask *self)
{
  return self->error;
}

gint64
rsb_tempo_lookup_task_get_resume_ms (RsbTempoLookupTask *self)
{
  return self->resume_ms;
}
