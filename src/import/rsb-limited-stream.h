#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RSB_TYPE_LIMITED_STREAM (rsb_limited_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsbLimitedStream, rsb_limited_stream, RSB, LIMITED_STREAM, GFilterInputStream)

GInputStream *rsb_limited_stream_new (GInputStream *base,
                                      goffset       limit,
                                      const char   *display_name);

G_END_DECLS
