/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-json.c: reading the services' JSON answers without trusting
 * them; a leaf that the API client and OAuth both use. */
#include "config.h"

#include "rsb-json.h"

/* A body that is a JSON object, with a reference; NULL for no body,
 * bad JSON or anything but an object. */
JsonObject *
rsb_json_parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static JsonNode *
member_value (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return type == G_TYPE_INVALID || json_node_get_value_type (node) == type ? node : NULL;
}

const char *
rsb_json_member_string (JsonObject *object,
                        const char *name)
{
  JsonNode *node = member_value (object, name, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

gboolean
rsb_json_node_number (JsonNode *node,
                      double   *out_value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out_value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

gboolean
rsb_json_member_number (JsonObject *object,
                        const char *name,
                        double     *out_value)
{
  return rsb_json_node_number (member_value (object, name, G_TYPE_INVALID), out_value);
}

gboolean
rsb_json_member_int (JsonObject *object,
                     const char *name,
                     gint64     *out_value)
{
  JsonNode *node = member_value (object, name, G_TYPE_INT64);

  if (node == NULL)
    return FALSE;
  *out_value = json_node_get_int (node);
  return TRUE;
}

JsonObject *
rsb_json_member_object (JsonObject *object,
                        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
rsb_json_member_array (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
