/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-private.h: for the store's own files only. The store's
 * tables are split by subject across rsb-store*.c; they share the one
 * connection and its statement cache. */
#pragma once

#include <sqlite3.h>

#include "rsb-store.h"

G_BEGIN_DECLS

/* No single play lasts longer than a day: it bounds the scans of the
 * plays' end-time index that find the plays overlapping a time. */
#define RSB_STORE_LONGEST_PLAY_MS (24 * G_GINT64_CONSTANT (3600000))

struct _RsbStore
{
  GObject      parent_instance;
  sqlite3     *db;
  char        *path;
  GHashTable  *statements;   /* SQL text (static) -> sqlite3_stmt */
  GHashTable  *track_ids;    /* track key -> id, valid inside committed data */
  GHashTable  *track_offers; /* track id -> the fields plays have offered it (rsb-store-plays.c) */

  /* Same-listen checks in the current transaction: the span of time the
   * library's plays covered when it began (a play far outside it cannot
   * be a duplicate of a stored one), and the plays written since. */
  gboolean     span_known;
  gint64       span_first_start;
  gint64       span_last_end;
  gboolean     longest_known;
  gint64       span_longest;   /* the longest play's end - start, for the start search */
  GHashTable  *fresh_plays;  /* PlayKey -> NULL */
  guint        open_ends_closed;  /* 1 << RsbPlaySource, see close_open_play_before */
  /* The time the plays written in this transaction covered, before and
   * after: the workouts there need matching again. */
  gint64       changed_first_ms;
  gint64       changed_last_ms;
  /* Per RsbPlaySource that reports only starts: the latest-starting
   * play this transaction added (id 0: none), whose end is a guess a
   * later stored play of that source may cut (rsb_store_finish_plays). */
  struct {
    gint64     id;
    gint64     start_ms;
    gint64     end_ms;
  }            newest_open[8];
};


/* A cached statement, reset and unbound. sql must be a string literal:
 * its address is the cache key. */
sqlite3_stmt *rsb_store_statement (RsbStore      *self,
                                   const char    *sql,
                                   GError       **error);
/* Steps a statement that returns no rows of interest, then resets it. */
gboolean      rsb_store_step_done (RsbStore      *self,
                                   sqlite3_stmt  *stmt,
                                   GError       **error);

gboolean      rsb_store_in_transaction (RsbStore *self);
/* Sets error to what could not be done and SQLite's reason; FALSE. */
gboolean      rsb_store_set_sql_error (RsbStore      *self,
                                       GError       **error,
                                       const char    *what);
/* text, or NULL as SQL NULL; text must outlive the statement's step. */
void          rsb_store_bind_text_or_null (sqlite3_stmt *stmt,
                                           int           column,
                                           const char   *text);
char         *rsb_store_column_strdup (sqlite3_stmt  *stmt,
                                       int            column);

/* rsb-store-plays.c: the set of plays written in this transaction, and
 * forgetting it (with the span of stored ends) when one begins or ends. */
GHashTable   *rsb_store_play_set_new  (void);
void          rsb_store_forget_plays  (RsbStore      *self);

/* The rank of the tempo source stored in column (a string literal), as
 * RsbTempoSource orders them: for ORDER BY and comparisons in SQL. */
#define RSB_STORE_SOURCE_RANK(column) \
  "CASE " column " WHEN 'hand' THEN 5 WHEN 'file' THEN 4 WHEN 'deezer' THEN 3" \
  " WHEN 'reccobeats' THEN 2 WHEN 'estimate' THEN 1 ELSE 0 END"

/* rsb-store-tempo.c: the tempo columns of a tracks row (bpm,
 * bpm_source, bpm_confidence, energy from column first on). */
#define RSB_STORE_TRACK_TEMPO_COLUMNS "t.bpm, t.bpm_source, t.bpm_confidence, t.energy"
void          rsb_store_read_track_tempo (sqlite3_stmt *stmt,
                                          int           first,
                                          RsbTrack     *track);

/* rsb-store-tempo-points.c: a re-matched workout's song segments are
 * measured again when the Tempo page next asks. */
gboolean      rsb_store_forget_tempo_points (RsbStore *self,
                                             gint64    activity_id,
                                             GError  **error);

G_END_DECLS
