/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-json.h: reading the services' JSON answers without trusting them:
 * a member that is absent, null or of another type reads as NULL /
 * FALSE, never as a warning. A leaf: it includes nothing of ours. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject   *rsb_json_parse_object   (GBytes          *body);

const char   *rsb_json_member_string  (JsonObject      *object,
                                       const char      *name);
gboolean      rsb_json_member_number  (JsonObject      *object,
                                       const char      *name,
                                       double          *out_value);
gboolean      rsb_json_member_int     (JsonObject      *object,
                                       const char      *name,
                                       gint64          *out_value);
JsonObject   *rsb_json_member_object  (JsonObject      *object,
                                       const char      *name);
JsonArray    *rsb_json_member_array   (JsonObject      *object,
                                       const char      *name);
gboolean      rsb_json_node_number    (JsonNode        *node,
                                       double          *out_value);

G_END_DECLS
