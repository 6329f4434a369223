/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-parsers.h: which parser reads each kind of listening history. */
#pragma once

#include "rsb-file-kind.h"
#include "rsb-play-pipeline.h"

G_BEGIN_DECLS

/* NULL when kind is no listening history. */
RsbHistoryParseFunc rsb_history_parser_for (RsbFileKind kind);
/* Whether kind's parser holds every play until the file is read (the
 * start-only histories, whose ends need the next start): such a file
 * loses nothing by being parsed ahead, on another thread, into memory. */
gboolean            rsb_history_parses_whole (RsbFileKind kind);

G_END_DECLS
