/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-scheduler.c: one sync at a time, each on a worker thread
 * with its own store connection (SQLite in WAL mode lets the window
 * keep reading while a sync writes). */
#include "config.h"

#include "rsb-sync-scheduler.h"
#include "rsb-accounts.h"
#include "rsb-idle.h"
#include "rsb-sync-error.h"

struct _RsbSyncScheduler
{
  GObject        parent_instance;
  char          *store_path;
  GMainContext  *context;
  GQueue         queue;          /* Job* waiting */
  GCancellable  *cancellable;    /* of the running job, NULL when idle */
  int            running;        /* service of the running job, -1 when idle */
  guint          poll_source;
  guint          resume_source[RSB_N_SERVICES];  /* after a spent rate window */
  int            last_error[RSB_N_SERVICES];     /* RsbSyncError code, -1: none */
};

typedef struct {
  RsbService      service;
  gboolean        requested;
  char           *store_path;
  RsbSyncSummary  summary;
} Job;

typedef struct {
  RsbSyncScheduler *scheduler;
  RsbService        service;
  char             *message;
  double            fraction;
  gint64            activity_id;
} Progress;

enum { PROP_0, PROP_BUSY, N_PROPS };
enum { PROGRESS, ACTIVITY_ADDED, FINISHED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (RsbSyncScheduler, rsb_sync_scheduler, G_TYPE_OBJECT)

static void start_next (RsbSyncScheduler *self);

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job);
}

static gboolean
emit_progress (gpointer data)
{
  Progress *progress = data;

  if (progress->message != NULL)
    g_signal_emit (progress->scheduler, signals[PROGRESS], 0,
                   (guint) progress->service, progress->message, progress->fraction);
  if (progress->activity_id > 0)
    g_signal_emit (progress->scheduler, signals[ACTIVITY_ADDED], 0, progress->activity_id);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->scheduler);
  g_free (progress->message);
  g_free (progress);
}

typedef struct {
  RsbSyncScheduler *scheduler;
  RsbService        service;
} ThreadProgress;

static void
on_thread_progress (const char *message,
                    double      fraction,
                    gint64      activity_id,
                    gpointer    user_data)
{
  ThreadProgress *where = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->scheduler = g_object_ref (where->scheduler);
  progress->service = where->service;
  progress->message = g_strdup (message);
  progress->fraction = fraction;
  progress->activity_id = activity_id;
  rsb_idle_invoke (where->scheduler->context, emit_progress, progress, progress_free);
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  RsbSyncScheduler *self = source_object;
  Job *job = task_data;
  ThreadProgress where = { self, job->service };
  g_autoptr(RsbStore) store = NULL;
  GError *error = NULL;

  store = rsb_store_open (job->store_path, &error);
  if (store != NULL &&
      rsb_accounts_sync (store, job->service, on_thread_progress, &where, &job->summary,
                         cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* What is worth telling: anything the person asked for; of the
 * scheduler's own runs, news and a change of trouble, not the same
 * "offline" or "reconnect" every 20 minutes. A service nobody
 * connected is never news: Preferences says what is not connected. */
static gboolean
is_quiet (const Job    *job,
          const GError *error,
          gboolean      repeated)
{
  if (g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED))
    return TRUE;
  if (job->requested)
    return FALSE;
  if (error == NULL)
    return job->summary.n_activities == 0 && job->summary.n_plays == 0;
  return repeated ||
         g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED) ||
         g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
}

/* The scheduler removes its resume sources before it goes. */
typedef struct {
  RsbSyncScheduler *self;
  RsbService        service;
} Resume;

/* Whether this run ended the way the service's last one did; it
 * becomes the last one. */
static gboolean
same_outcome_as_last (RsbSyncScheduler *self,
                      RsbService        service,
                      const GError     *error)
{
  int code = error == NULL ? -1 : error->domain == RSB_SYNC_ERROR ? error->code : G_MAXINT;
  gboolean same = code == self->last_error[service];

  self->last_error[service] = code;
  return same;
}

static gboolean
on_resume (gpointer data)
{
  Resume *resume = data;

  resume->self->resume_source[resume->service] = 0;
  rsb_sync_scheduler_poll (resume->self, resume->service);
  return G_SOURCE_REMOVE;
}

/* A spent rate window is a pause, not an end: the sync goes on by
 * itself once the window resets. */
static void
schedule_resume (RsbSyncScheduler *self,
                 RsbService        service,
                 gint64            paused_until_ms)
{
  gint64 wait_ms = paused_until_ms - g_get_real_time () / 1000;
  Resume *resume;

  if (paused_until_ms <= 0 || self->resume_source[service] != 0)
    return;
  resume = g_new (Resume, 1);
  resume->self = self;
  resume->service = service;
  /* A few seconds' grace: the provider's clock may run behind ours. */
  self->resume_source[service] =
    g_timeout_add_seconds_full (G_PRIORITY_LOW, (guint) CLAMP (wait_ms / 1000 + 5, 1, 24 * 3600),
                                on_resume, resume, g_free);
}

static void
on_job_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RsbSyncScheduler *self = RSB_SYNC_SCHEDULER (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  self->running = -1;
  g_task_propagate_boolean (G_TASK (result), &error);
  if (g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
    schedule_resume (self, job->service, job->summary.paused_until_ms);
  if (!is_quiet (job, error, same_outcome_as_last (self, job->service, error)))
    g_signal_emit (self, signals[FINISHED], 0, (guint) job->service, job->requested,
                   &job->summary, error);
  start_next (self);
  if (self->cancellable == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_next (RsbSyncScheduler *self)
{
  Job *job = g_queue_pop_head (&self->queue);
  g_autoptr(GTask) task = NULL;

  if (job == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->running = job->service;
  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_source_tag (task, start_next);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
}

static gboolean
is_queued (RsbSyncScheduler *self,
           RsbService        service)
{
  if (self->running == (int) service)
    return TRUE;
  for (GList *l = self->queue.head; l != NULL; l = l->next)
    if (((Job *) l->data)->service == service)
      return TRUE;
  return FALSE;
}

static void
enqueue (RsbSyncScheduler *self,
         RsbService        service,
         gboolean          requested)
{
  Job *job;
  gboolean was_busy = rsb_sync_scheduler_get_busy (self);

  if (is_queued (self, service))
    return;
  job = g_new0 (Job, 1);
  job->service = service;
  job->requested = requested;
  job->store_path = g_strdup (self->store_path);
  g_queue_push_tail (&self->queue, job);
  if (self->cancellable == NULL)
    start_next (self);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
rsb_sync_scheduler_sync (RsbSyncScheduler *self,
                         RsbService        service)
{
  g_return_if_fail (RSB_IS_SYNC_SCHEDULER (self));
  enqueue (self, service, TRUE);
}

void
rsb_sync_scheduler_sync_all (RsbSyncScheduler *self)
{
  for (RsbService service = 0; service < RSB_N_SERVICES; service++)
    enqueue (self, service, TRUE);
}

void
rsb_sync_scheduler_poll (RsbSyncScheduler *self,
                         RsbService        service)
{
  g_return_if_fail (RSB_IS_SYNC_SCHEDULER (self));
  enqueue (self, service, FALSE);
}

static gboolean
on_poll (gpointer user_data)
{
  rsb_sync_scheduler_poll (user_data, RSB_SERVICE_SPOTIFY);
  return G_SOURCE_CONTINUE;
}

void
rsb_sync_scheduler_set_poll_minutes (RsbSyncScheduler *self,
                                     guint             minutes)
{
  g_return_if_fail (RSB_IS_SYNC_SCHEDULER (self));

  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (minutes == 0)
    return;
  self->poll_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, minutes * 60, on_poll, self, NULL);
}

gboolean
rsb_sync_scheduler_get_busy (RsbSyncScheduler *self)
{
  g_return_val_if_fail (RSB_IS_SYNC_SCHEDULER (self), FALSE);
  return self->cancellable != NULL || self->queue.length > 0;
}

void
rsb_sync_scheduler_cancel (RsbSyncScheduler *self)
{
  g_return_if_fail (RSB_IS_SYNC_SCHEDULER (self));

  g_queue_clear_full (&self->queue, (GDestroyNotify) job_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

typedef struct {
  RsbSchedulerIdleFunc func;
  GWeakRef             owner;
  gulong               handler;
} IdleWait;

static void
idle_wait_free (gpointer data,
                GClosure *closure)
{
  IdleWait *wait = data;

  g_weak_ref_clear (&wait->owner);
  g_free (wait);
}

static void
on_busy_for_wait (RsbSyncScheduler *self,
                  GParamSpec       *pspec,
                  IdleWait         *wait)
{
  g_autoptr(GObject) owner = NULL;
  RsbSchedulerIdleFunc func = wait->func;

  if (rsb_sync_scheduler_get_busy (self))
    return;
  owner = g_weak_ref_get (&wait->owner);
  /* Frees wait. */
  g_signal_handler_disconnect (self, wait->handler);
  if (owner != NULL)
    func (owner);
}

void
rsb_sync_scheduler_cancel_then (RsbSyncScheduler     *self,
                                gpointer              owner,
                                RsbSchedulerIdleFunc  func)
{
  IdleWait *wait;

  g_return_if_fail (RSB_IS_SYNC_SCHEDULER (self));
  g_return_if_fail (G_IS_OBJECT (owner));

  rsb_sync_scheduler_cancel (self);
  if (!rsb_sync_scheduler_get_busy (self))
    {
      func (owner);
      return;
    }
  wait = g_new0 (IdleWait, 1);
  wait->func = func;
  g_weak_ref_init (&wait->owner, owner);
  wait->handler = g_signal_connect_data (self, "notify::busy", G_CALLBACK (on_busy_for_wait), wait,
                                         idle_wait_free, 0);
}

RsbSyncScheduler *
rsb_sync_scheduler_new (const char *store_path)
{
  RsbSyncScheduler *self = g_object_new (RSB_TYPE_SYNC_SCHEDULER, NULL);

  self->store_path = g_strdup (store_path);
  return self;
}

static void
rsb_sync_scheduler_dispose (GObject *object)
{
  RsbSyncScheduler *self = RSB_SYNC_SCHEDULER (object);

  rsb_sync_scheduler_cancel (self);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  for (RsbService service = 0; service < RSB_N_SERVICES; service++)
    g_clear_handle_id (&self->resume_source[service], g_source_remove);
  G_OBJECT_CLASS (rsb_sync_scheduler_parent_class)->dispose (object);
}

static void
rsb_sync_scheduler_finalize (GObject *object)
{
  RsbSyncScheduler *self = RSB_SYNC_SCHEDULER (object);

  g_free (self->store_path);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (rsb_sync_scheduler_parent_class)->finalize (object);
}

static void
rsb_sync_scheduler_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, rsb_sync_scheduler_get_busy (RSB_SYNC_SCHEDULER (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_sync_scheduler_class_init (RsbSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rsb_sync_scheduler_dispose;
  object_class->finalize = rsb_sync_scheduler_finalize;
  object_class->get_property = rsb_sync_scheduler_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_UINT, G_TYPE_STRING, G_TYPE_DOUBLE);
  signals[ACTIVITY_ADDED] = g_signal_new ("activity-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                    G_TYPE_UINT, G_TYPE_BOOLEAN, G_TYPE_POINTER, G_TYPE_ERROR);
}

static void
rsb_sync_scheduler_init (RsbSyncScheduler *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->running = -1;
  g_queue_init (&self->queue);
  for (RsbService service = 0; service < RSB_N_SERVICES; service++)
    self->last_error[service] = -1;
}
