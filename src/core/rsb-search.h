/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text folded for searching: case, accents and compatibility forms
 * ("ﬁ", full-width letters) do not matter, in any script. */
char     *rsb_search_fold          (const char  *text);

/* The words of a query, each folded; NULL when it has none. */
char    **rsb_search_terms         (const char  *query);

/* Whether every term occurs in haystack (folded already). */
gboolean  rsb_search_matches_all   (const char  *folded_haystack,
                                    char       **terms);

G_END_DECLS
