/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tempo-lookup.c: filling tempi from the fake Deezer and
 * ReccoBeats: by ISRC, by search within 3 s, the source order, the
 * quota, faults, and nothing sent without consent. */
#include "config.h"

#include <math.h>

#include "rsb-deezer-api.h"
#include "rsb-fake-deezer.h"
#include "rsb-fake-reccobeats.h"
#include "rsb-fake-spotify.h"
#include "rsb-store-lookups.h"
#include "rsb-sync-error.h"
#include "rsb-sync-fixture.h"
#include "rsb-tempo-lookup.h"

#define T0 G_GINT64_CONSTANT (1750000000000)
/* A short quota window keeps the tests quick; the client paces to the
 * same window (the CLI test and the benchmark set it through
 * RSB_DEEZER_QUOTA_WINDOW_MS). */
#define WINDOW_MS 300
#define LIMIT     50

typedef struct {
  RsbStore          *store;
  RsbFakeDeezer     *deezer;
  RsbFakeReccoBeats *reccobeats;
  RsbTempoLookup    *lookup;
  guint              n_tracks;
  gint64             paused_seen;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rsb_tempo_lookup_forget_quota ();
  f->store = rsb_store_open_memory (&error);
  g_assert_no_error (error);
  f->deezer = rsb_fake_deezer_new (LIMIT, WINDOW_MS, &error);
  g_assert_no_error (error);
  f->reccobeats = rsb_fake_reccobeats_new (&error);
  g_assert_no_error (error);
  f->lookup = rsb_tempo_lookup_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->lookup);
  g_clear_pointer (&f->deezer, rsb_fake_deezer_free);
  g_clear_pointer (&f->reccobeats, rsb_fake_reccobeats_free);
  g_clear_object (&f->store);
}

static RsbCatalogueClient *
client (Fixture         *f,
        RsbTempoService  service)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = service == RSB_TEMPO_SERVICE_DEEZER ? rsb_fake_deezer_dup_url (f->deezer)
                                                             : rsb_fake_reccobeats_dup_url (f->reccobeats);
  RsbCatalogueClient *c = service == RSB_TEMPO_SERVICE_DEEZER
    ? rsb_catalogue_client_new ("Deezer", url, LIMIT, WINDOW_MS, &error)
    : rsb_catalogue_client_new ("ReccoBeats", url, 5, 1000, &error);

  g_assert_no_error (error);
  rsb_catalogue_client_set_timeout (c, 1);
  return c;
}

static void
enable (Fixture         *f,
        RsbTempoService  service)
{
  g_autoptr(RsbCatalogueClient) c = client (f, service);

  rsb_tempo_lookup_set_client (f->lookup, service, c);
}

/* Adds a track through a play (the only way tracks enter the library)
 * and returns its id. */
static gint64
add_track (Fixture    *f,
           const char *uri,
           const char *isrc,
           const char *artists,
           const char *title,
           gint64      duration_ms)
{
  g_autoptr(RsbPlay) play = rsb_play_new ();
  g_autoptr(GError) error = NULL;
  gboolean added;

  play->track.uri = g_strdup (uri);
  play->track.isrc = g_strdup (isrc);
  play->track.artists = g_strdup (artists);
  play->track.title = g_strdup (title);
  play->track.duration_ms = duration_ms;
  play->start_ms = T0 + f->n_tracks * 600000;
  play->end_ms = play->start_ms + duration_ms;
  play->ms_played = duration_ms;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  play->precision_ms = 1000;
  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
  g_assert_true (rsb_store_commit (f->store, &error));
  g_assert_no_error (error);
  return ++f->n_tracks;   /* rowids from 1, in order */
}

static double
tempo_from (Fixture        *f,
            gint64          id,
            RsbTempoSource  source)
{
  return rsb_store_track_tempo_from (f->store, id, source, NULL);
}

static void
run_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_tempo_lookup_run (f->lookup, NULL, &error));
  g_assert_no_error (error);
}

static void
test_by_isrc (Fixture       *f,
              gconstpointer  data)
{
  gint64 id;
  g_autofree char *status = NULL;
  double confidence;

  rsb_fake_deezer_add_track (f->deezer, 3135556, "GBDUW0000059", "Daft Punk", "Harder, Better, Faster, Stronger", 224, 123.4);
  id = add_track (f, "spotify:track:5W3cjX2J3tjhG8zb6u0qHn", "GBDUW0000059", "Daft Punk", "Harder, Better, Faster, Stronger", 224000);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  run_ok (f);

  g_assert_cmpfloat_with_epsilon (rsb_store_track_tempo_from (f->store, id, RSB_TEMPO_SOURCE_DEEZER, &confidence), 123.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (confidence, RSB_TEMPO_DEEZER_CONFIDENCE, 1e-9);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "isrc"), ==, 1);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "search"), ==, 0);
  status = rsb_store_dup_tempo_lookup (f->store, id, RSB_LOOKUP_DEEZER);
  g_assert_cmpstr (status, ==, RSB_LOOKUP_FOUND);

  /* Asked once: a second run sends nothing. */
  run_ok (f);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "total"), ==, 1);
}

static void
test_search_duration (Fixture       *f,
                      gconstpointer  data)
{
  gint64 near, far;
  g_autofree char *far_status = NULL;

  /* Two "Intro"s by the same artist: the one within 3 s is taken. */
  rsb_fake_deezer_add_track (f->deezer, 11, NULL, "The xx", "Intro", 131, 100);
  rsb_fake_deezer_add_track (f->deezer, 12, NULL, "The xx", "Intro", 128, 121);
  /* 5.5 s from the first, 2.5 s from the second. */
  near = add_track (f, "spotify:track:aaaaaaaaaaaaaaaaaaaaa1", NULL, "The xx, Someone", "Intro", 125500);
  /* 3.5 s off every candidate: refused, not a wrong tempo. */
  rsb_fake_deezer_add_track (f->deezer, 13, NULL, "Burial", "Archangel", 240, 139);
  far = add_track (f, "spotify:track:aaaaaaaaaaaaaaaaaaaaa2", NULL, "Burial", "Archangel", 243500);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  run_ok (f);

  g_assert_cmpfloat_with_epsilon (tempo_from (f, near, RSB_TEMPO_SOURCE_DEEZER), 121, 1e-9);
  g_assert_true (isnan (tempo_from (f, far, RSB_TEMPO_SOURCE_DEEZER)));
  far_status = rsb_store_dup_tempo_lookup (f->store, far, RSB_LOOKUP_DEEZER);
  g_assert_cmpstr (far_status, ==, RSB_LOOKUP_MISSING);
}

static void
test_bpm_zero (Fixture       *f,
               gconstpointer  data)
{
  gint64 id;
  g_autofree char *status = NULL;

  rsb_fake_deezer_add_track (f->deezer, 21, "USAT20000001", "Nobody", "Ambient Drift", 300, 0);
  id = add_track (f, NULL, "USAT20000001", "Nobody", "Ambient Drift", 300000);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  run_ok (f);

  g_assert_true (isnan (tempo_from (f, id, RSB_TEMPO_SOURCE_DEEZER)));
  status = rsb_store_dup_tempo_lookup (f->store, id, RSB_LOOKUP_DEEZER);
  g_assert_cmpstr (status, ==, RSB_LOOKUP_UNKNOWN);
  g_assert_cmpuint (rsb_tempo_lookup_get_n_found (f->lookup, RSB_TEMPO_SERVICE_DEEZER), ==, 0);
}

static void
test_unknown_isrc_falls_back_to_search (Fixture       *f,
                                        gconstpointer  data)
{
  gint64 id;

  rsb_fake_deezer_add_track (f->deezer, 31, NULL, "Moby", "Porcelain", 241, 96);
  id = add_track (f, NULL, "XXUNKNOWN001", "Moby", "Porcelain", 241000);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  run_ok (f);

  g_assert_cmpfloat_with_epsilon (tempo_from (f, id, RSB_TEMPO_SOURCE_DEEZER), 96, 1e-9);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "isrc"), ==, 1);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "search"), ==, 1);
}

/* Deezer does not replace a file tag or a hand value, and is not even
 * asked; it does outrank ReccoBeats. */
static void
test_source_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 tagged, by_hand, estimated;
  g_autoptr(GPtrArray) plays = NULL;

  rsb_fake_deezer_add_track (f->deezer, 41, "QZ0000000041", "A", "Tagged", 200, 170);
  rsb_fake_deezer_add_track (f->deezer, 42, "QZ0000000042", "A", "By Hand", 200, 170);
  rsb_fake_deezer_add_track (f->deezer, 43, "QZ0000000043", "A", "From ReccoBeats", 200, 170);
  tagged = add_track (f, NULL, "QZ0000000041", "A", "Tagged", 200000);
  by_hand = add_track (f, NULL, "QZ0000000042", "A", "By Hand", 200000);
  estimated = add_track (f, NULL, "QZ0000000043", "A", "From ReccoBeats", 200000);
  g_assert_true (rsb_store_set_track_tempo (f->store, tagged, RSB_TEMPO_SOURCE_FILE_TAG, 85, 1, &error));
  g_assert_true (rsb_store_set_track_tempo (f->store, by_hand, RSB_TEMPO_SOURCE_HAND, 84, 1, &error));
  g_assert_true (rsb_store_set_track_tempo (f->store, estimated, RSB_TEMPO_SOURCE_RECCOBEATS, 85, 0.8, &error));
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  run_ok (f);

  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "total"), ==, 1);
  plays = rsb_store_plays_between (f->store, T0 - 1, T0 + 10 * 600000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 3);
  for (guint i = 0; i < plays->len; i++)
    {
      RsbPlay *play = g_ptr_array_index (plays, i);

      if (play->track_id == tagged)
        g_assert_true (play->track.bpm == 85 && play->track.bpm_source == RSB_TEMPO_SOURCE_FILE_TAG);
      else if (play->track_id == by_hand)
        g_assert_true (play->track.bpm == 84 && play->track.bpm_source == RSB_TEMPO_SOURCE_HAND);
      else
        g_assert_true (play->track.bpm == 170 && play->track.bpm_source == RSB_TEMPO_SOURCE_DEEZER);
    }
}

static void
test_reccobeats (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = 0, id;
  char uri[64];
  double confidence;

  /* 45 tracks: two requests (40 ids at most each). */
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *spotify_id = g_strdup_printf ("rb%020u", i);

      g_snprintf (uri, sizeof uri, "spotify:track:%s", spotify_id);
      id = add_track (f, uri, NULL, "B", "Song", 200000);
      if (i == 0)
        first = id;
      if (i != 7)
        rsb_fake_reccobeats_add_track (f->reccobeats, spotify_id, 120 + i, 0.5);
    }
  add_track (f, "spotify:local:x:y:z:1", NULL, "Local", "File", 100000);
  enable (f, RSB_TEMPO_SERVICE_RECCOBEATS);
  run_ok (f);

  g_assert_cmpuint (rsb_fake_reccobeats_count (f->reccobeats, "total"), ==, 2);
  g_assert_cmpuint (rsb_fake_reccobeats_count (f->reccobeats, "ids"), ==, 45);
  g_assert_cmpuint (rsb_tempo_lookup_get_n_found (f->lookup, RSB_TEMPO_SERVICE_RECCOBEATS), ==, 44);
  g_assert_cmpfloat_with_epsilon (rsb_store_track_tempo_from (f->store, first + 3, RSB_TEMPO_SOURCE_RECCOBEATS, &confidence), 123, 1e-9);
  g_assert_cmpfloat_with_epsilon (confidence, RSB_TEMPO_RECCOBEATS_CONFIDENCE, 1e-9);
  g_assert_true (isnan (tempo_from (f, first + 7, RSB_TEMPO_SOURCE_RECCOBEATS)));
  g_assert_no_error (error);
}

/* ReccoBeats is the only source of energy: a track whose tempo Deezer
 * found is still asked of it, for its energy, and Deezer's tempo stays
 * the one shown; an energy comes in even with a tempo of 0. */
static void
test_energy_after_deezer (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  gint64 found, no_tempo;

  rsb_fake_deezer_add_track (f->deezer, 61, "QZ0000000061", "E", "Energetic", 200, 170);
  found = add_track (f, "spotify:track:eeeeeeeeeeeeeeeeeeeee1", "QZ0000000061", "E", "Energetic", 200000);
  no_tempo = add_track (f, "spotify:track:eeeeeeeeeeeeeeeeeeeee2", NULL, "E", "Ambient", 200000);
  rsb_fake_reccobeats_add_track (f->reccobeats, "eeeeeeeeeeeeeeeeeeeee1", 168, 0.7);
  rsb_fake_reccobeats_add_track (f->reccobeats, "eeeeeeeeeeeeeeeeeeeee2", 0, 0.2);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  enable (f, RSB_TEMPO_SERVICE_RECCOBEATS);
  run_ok (f);

  plays = rsb_store_plays_between (f->store, T0 - 1, T0 + 10 * 600000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < plays->len; i++)
    {
      RsbPlay *play = g_ptr_array_index (plays, i);

      if (play->track_id == found)
        {
          g_assert_cmpfloat (play->track.bpm, ==, 170);
          g_assert_cmpint (play->track.bpm_source, ==, RSB_TEMPO_SOURCE_DEEZER);
          g_assert_cmpfloat_with_epsilon (play->track.energy, 0.7, 1e-9);
        }
      else if (play->track_id == no_tempo)
        {
          g_assert_cmpint (play->track.bpm_source, ==, RSB_TEMPO_SOURCE_NONE);
          g_assert_cmpfloat_with_epsilon (play->track.energy, 0.2, 1e-9);
        }
    }
  g_assert_cmpfloat (tempo_from (f, found, RSB_TEMPO_SOURCE_RECCOBEATS), ==, 168);
}

static void note_pause (const RsbTempoLookupProgress *progress, gpointer user_data);

static void
add_reccobeats_songs (Fixture *f,
                      guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *spotify_id = g_strdup_printf ("rf%020u", i);
      g_autofree char *uri = g_strconcat ("spotify:track:", spotify_id, NULL);

      add_track (f, uri, NULL, "R", "Song", 200000);
      rsb_fake_reccobeats_add_track (f->reccobeats, spotify_id, 150, 0.9);
    }
}

static guint
count_reccobeats (Fixture *f)
{
  guint n = 0;

  for (gint64 id = 1; id <= f->n_tracks; id++)
    if (!isnan (tempo_from (f, id, RSB_TEMPO_SOURCE_RECCOBEATS)))
      n++;
  return n;
}

/* A proxy's page instead of ReccoBeats' answer: named, nothing lost. */
static void
test_reccobeats_html (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_reccobeats_songs (f, 5);
  enable (f, RSB_TEMPO_SERVICE_RECCOBEATS);
  rsb_fake_catalogue_inject (rsb_fake_reccobeats_get_server (f->reccobeats), RSB_FAKE_CATALOGUE_HTML, 0);
  g_assert_false (rsb_tempo_lookup_run (f->lookup, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "ReccoBeats"));
  g_assert_cmpuint (count_reccobeats (f), ==, 0);
  run_ok (f);
  g_assert_cmpuint (count_reccobeats (f), ==, 5);
}

/* 429 with Retry-After: 1: waited out within the run, then done. */
static void
test_reccobeats_429 (Fixture       *f,
                     gconstpointer  data)
{
  add_reccobeats_songs (f, 5);
  enable (f, RSB_TEMPO_SERVICE_RECCOBEATS);
  rsb_fake_catalogue_inject (rsb_fake_reccobeats_get_server (f->reccobeats), RSB_FAKE_CATALOGUE_TOO_MANY, 0);
  rsb_tempo_lookup_set_progress (f->lookup, note_pause, f);
  run_ok (f);
  g_assert_cmpint (f->paused_seen, >, 0);
  g_assert_cmpuint (count_reccobeats (f), ==, 5);
  g_assert_cmpuint (rsb_fake_reccobeats_count (f->reccobeats, "total"), ==, 2);
}

static void
add_catalogue (Fixture *f,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *isrc = g_strdup_printf ("QZQ%09u", i);
      g_autofree char *title = g_strdup_printf ("Song %u", i);

      rsb_fake_deezer_add_track (f->deezer, 1000 + i, isrc, "D", title, 200, 100 + i % 80);
      add_track (f, NULL, isrc, "D", title, 200000);
    }
}

static guint
count_found (Fixture *f)
{
  guint n = 0;

  for (gint64 id = 1; id <= f->n_tracks; id++)
    if (!isnan (tempo_from (f, id, RSB_TEMPO_SOURCE_DEEZER)))
      n++;
  return n;
}

static void
note_pause (const RsbTempoLookupProgress *progress,
            gpointer                      user_data)
{
  Fixture *f = user_data;

  if (progress->paused_until_ms > 0)
    f->paused_seen = progress->paused_until_ms;
}

/* Another program spends the quota mid-run: code 4, a pause shown, not
 * one request while spent, and every track found in the end. */
static void
test_quota_back_off (Fixture       *f,
                     gconstpointer  data)
{
  add_catalogue (f, 120);
  rsb_fake_deezer_spend_quota (f->deezer);
  rsb_tempo_lookup_set_progress (f->lookup, note_pause, f);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  run_ok (f);

  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "quota"), ==, 1);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "spent"), ==, 0);
  g_assert_cmpint (f->paused_seen, >, 0);
  g_assert_cmpuint (count_found (f), ==, 120);
  /* 120 requests paced to 50 per window: more would mean a code 4. */
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "isrc"), ==, 120);
}

/* A quota spent for longer than the run may wait stops it with the
 * resume time; the next run, once the quota is back, finishes the rest
 * and asks nothing twice. */
static void
test_quota_stop_and_resume (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint asked;

  add_catalogue (f, 80);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  rsb_tempo_lookup_set_max_wait_ms (f->lookup, 2 * WINDOW_MS);
  rsb_fake_deezer_block (f->deezer, 60 * 1000);
  g_assert_false (rsb_tempo_lookup_run (f->lookup, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "Deezer"));
  g_assert_cmpint (rsb_tempo_lookup_get_paused_until (f->lookup, RSB_TEMPO_SERVICE_DEEZER), >, g_get_real_time () / 1000);
  g_assert_cmpuint (count_found (f), ==, 0);
  g_clear_error (&error);

  /* Known spent: a run now that may not wait that long sends nothing
   * at all. */
  asked = rsb_fake_deezer_count (f->deezer, "total");
  rsb_tempo_lookup_set_max_wait_ms (f->lookup, 50);
  g_assert_false (rsb_tempo_lookup_run (f->lookup, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "total"), ==, asked);
  g_clear_error (&error);

  rsb_fake_deezer_block (f->deezer, 0);
  rsb_tempo_lookup_forget_quota ();
  rsb_tempo_lookup_set_max_wait_ms (f->lookup, 0);
  run_ok (f);
  g_assert_cmpuint (count_found (f), ==, 80);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "isrc") , ==, 80);
}

/* One fault of each kind on the first three tracks: each message names
 * Deezer, the three are kept for later and the rest are found; three
 * faults in a row stop the service. */
static void
check_fault (Fixture               *f,
             RsbFakeCatalogueFault  fault,
             const char            *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  int expected;

  add_catalogue (f, 5);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  rsb_fake_catalogue_inject (rsb_fake_deezer_get_server (f->deezer), fault, 1);
  g_assert_false (rsb_tempo_lookup_run (f->lookup, NULL, &error));
  expected = fault == RSB_FAKE_CATALOGUE_MALFORMED || fault == RSB_FAKE_CATALOGUE_HTML_200
                 ? RSB_SYNC_ERROR_MALFORMED : RSB_SYNC_ERROR_SERVER;

  g_assert_error (error, RSB_SYNC_ERROR, expected);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Deezer"));
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpuint (count_found (f), ==, 4);
  g_assert_cmpuint (rsb_tempo_lookup_get_n_failed (f->lookup, RSB_TEMPO_SERVICE_DEEZER), ==, 1);
  status = rsb_store_dup_tempo_lookup (f->store, 2, RSB_LOOKUP_DEEZER);
  g_assert_null (status);

  /* Kept, not lost: the next run finds it. */
  run_ok (f);
  g_assert_cmpuint (count_found (f), ==, 5);
}

static void
test_malformed (Fixture *f, gconstpointer data)
{
  check_fault (f, RSB_FAKE_CATALOGUE_MALFORMED, "not valid JSON");
}

static void
test_html_page (Fixture *f, gconstpointer data)
{
  check_fault (f, RSB_FAKE_CATALOGUE_HTML, "502");
}

static void
test_html_200 (Fixture *f, gconstpointer data)
{
  check_fault (f, RSB_FAKE_CATALOGUE_HTML_200, "web page");
}

static void
test_stall (Fixture *f, gconstpointer data)
{
  check_fault (f, RSB_FAKE_CATALOGUE_STALL, "did not answer");
}

static void
test_server_error (Fixture *f, gconstpointer data)
{
  check_fault (f, RSB_FAKE_CATALOGUE_SERVER_ERROR, "500");
}

static void
test_down_stops (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RsbFakeCatalogue *server = rsb_fake_deezer_get_server (f->deezer);

  add_catalogue (f, 10);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  for (guint i = 0; i < 3; i++)
    rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_HTML, 0);
  g_assert_false (rsb_tempo_lookup_run (f->lookup, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "total"), ==, 3);
  g_assert_cmpuint (count_found (f), ==, 0);
}

/* No ISRC in the library: Spotify's single-track endpoint gives it,
 * once, and it is kept in the track. */
static void
test_spotify_isrc (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakeSpotify) spotify = rsb_fake_spotify_new (&error);
  g_autoptr(RsbApiClient) spotify_client = NULL;
  g_autofree char *uri = rsb_fake_spotify_dup_track_uri (4);
  g_autofree char *isrc = rsb_fake_spotify_dup_track_isrc (4);
  g_autofree char *status = NULL;
  gint64 id;

  g_assert_no_error (error);
  spotify_client = rsb_sync_fixture_client (RSB_SERVICE_SPOTIFY, rsb_fake_spotify_get_api (spotify));
  rsb_fake_deezer_add_track (f->deezer, 61, isrc, "Fake Artist", "Not The Same Title", 200, 142);
  id = add_track (f, uri, NULL, "Fake Artist", "Fake Song 5", 200000);
  enable (f, RSB_TEMPO_SERVICE_DEEZER);
  rsb_tempo_lookup_set_spotify (f->lookup, spotify_client);
  run_ok (f);

  g_assert_cmpuint (rsb_fake_api_count (rsb_fake_spotify_get_api (spotify), "track"), ==, 1);
  g_assert_cmpfloat_with_epsilon (tempo_from (f, id, RSB_TEMPO_SOURCE_DEEZER), 142, 1e-9);
  status = rsb_store_dup_tempo_lookup (f->store, id, RSB_LOOKUP_SPOTIFY);
  g_assert_cmpstr (status, ==, RSB_LOOKUP_FOUND);
}

/* Tracks heard during a workout are asked about first. */
static void
test_workouts_first (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
  g_autoptr(RsbStreams) streams = rsb_streams_new (2);
  g_autoptr(GPtrArray) tracks = NULL;
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);

  add_catalogue (f, 4);
  /* A run over the third track's play (600000 ms apart, 200 s long). */
  time[0] = 0; time[1] = 150;
  lat[0] = lat[1] = 46; lon[0] = 14; lon[1] = 14.001;
  info->source = g_strdup ("file");
  info->source_id = g_strdup ("run-1");
  info->name = g_strdup ("Run");
  info->sport = g_strdup ("run");
  info->start_ms = T0 + 2 * 600000 + 20000;
  info->elapsed_s = 150;
  info->moving_s = 150;
  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_cmpint (rsb_store_add_activity (f->store, info, streams, &error), >, 0);
  g_assert_true (rsb_store_commit (f->store, &error));

  tracks = rsb_store_tracks_for_lookup (f->store, RSB_TEMPO_SOURCE_DEEZER, RSB_LOOKUP_DEEZER, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tracks->len, ==, 4);
  g_assert_cmpint (((RsbLookupTrack *) g_ptr_array_index (tracks, 0))->id, ==, 3);
  g_assert_true (((RsbLookupTrack *) g_ptr_array_index (tracks, 0))->in_workout);
  g_assert_cmpint (((RsbLookupTrack *) g_ptr_array_index (tracks, 1))->id, ==, 1);
}

/* 50 in any 5 s: the 51st waits for the first to be 5 s old, not for a
 * fixed window to roll over; a spent quota holds a whole window. */
static void
test_sliding_window (void)
{
  g_autoptr(RsbRequestWindow) window = rsb_request_window_new (50, 5000);

  for (guint i = 0; i < 50; i++)
    {
      g_assert_cmpint (rsb_request_window_next (window, 1000 + i * 10), ==, 1000 + i * 10);
      rsb_request_window_record (window, 1000 + i * 10 + 5);
    }
  g_assert_cmpint (rsb_request_window_next (window, 1500), ==, 6005);
  rsb_request_window_record (window, 6010);
  g_assert_cmpint (rsb_request_window_next (window, 6011), ==, 6015);
  rsb_request_window_fill (window, 7000);
  g_assert_cmpint (rsb_request_window_next (window, 7001), ==, 12000);
}

/* Quotes in names would end Deezer's quoted terms; only the first of
 * several artists is asked for. */
static void
test_search_path (void)
{
  g_autofree char *path = rsb_deezer_search_path ("Beyoncé, JAY-Z", "Say \"Yes\"");
  g_autofree char *query = g_uri_unescape_string (path + strlen ("/search?q="), NULL);

  g_assert_true (g_str_has_prefix (path, "/search?q="));
  g_assert_cmpstr (query, ==, "artist:\"Beyoncé\" track:\"Say  Yes\"");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tempo-lookup/sliding-window", test_sliding_window);
  g_test_add_func ("/tempo-lookup/deezer/search-path", test_search_path);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/tempo-lookup/reccobeats/energy-after-deezer", test_energy_after_deezer);
  ADD ("/tempo-lookup/deezer/isrc", test_by_isrc);
  ADD ("/tempo-lookup/deezer/search-duration", test_search_duration);
  ADD ("/tempo-lookup/deezer/bpm-zero", test_bpm_zero);
  ADD ("/tempo-lookup/deezer/unknown-isrc", test_unknown_isrc_falls_back_to_search);
  ADD ("/tempo-lookup/source-order", test_source_order);
  ADD ("/tempo-lookup/reccobeats", test_reccobeats);
  ADD ("/tempo-lookup/reccobeats/html", test_reccobeats_html);
  ADD ("/tempo-lookup/reccobeats/429", test_reccobeats_429);
  ADD ("/tempo-lookup/quota/back-off", test_quota_back_off);
  ADD ("/tempo-lookup/quota/stop-and-resume", test_quota_stop_and_resume);
  ADD ("/tempo-lookup/fault/malformed", test_malformed);
  ADD ("/tempo-lookup/fault/html-502", test_html_page);
  ADD ("/tempo-lookup/fault/html-200", test_html_200);
  ADD ("/tempo-lookup/fault/stall", test_stall);
  ADD ("/tempo-lookup/fault/server-error", test_server_error);
  ADD ("/tempo-lookup/fault/down", test_down_stops);
  ADD ("/tempo-lookup/spotify-isrc", test_spotify_isrc);
  ADD ("/tempo-lookup/workouts-first", test_workouts_first);
#undef ADD
  return g_test_run ();
}
