/* fd-relay-stream.c: one accepted TCP (or TLS) connection, as the relay sees its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include "fd-relay-stream.h"

struct _FdRelayStream
{
  GIOStream parent_instance;

  GIOStream *base;
  GSocketConnection *socket_conn;
  GInputStream *input;
  GOutputStream *output;
  char *address;
  gint64 accepted_us;

  /* before the upgrade: "\r\n\r\n" matching */
  guint crlf;
  guint64 read_total;
  guint64 header_end;

  gboolean upgraded;   /* from then on the WebSocket layer (fd-relay-ws.c) reads the frames */

  FdRelayStreamFunc release;
  gpointer release_data;
};

G_DEFINE_FINAL_TYPE (FdRelayStream, fd_relay_stream, G_TYPE_IO_STREAM)

/* The input side: reads from the base and finds where each request header ends. */

#define FD_TYPE_RELAY_INPUT (fd_relay_input_get_type ())
G_DECLARE_FINAL_TYPE (FdRelayInput, fd_relay_input, FD, RELAY_INPUT, GInputStream)

struct _FdRelayInput
{
  GInputStream parent_instance;
  FdRelayStream *owner;   /* not a reference: the owner holds us */
  GInputStream *base;
};

static void fd_relay_input_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdRelayInput, fd_relay_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM, fd_relay_input_pollable_init))

static void
release_once (FdRelayStream *self)
{
  FdRelayStreamFunc release = self->release;

  self->release = NULL;
  if (release != NULL)
    release (self, self->release_data);
}

/* Before the upgrade: where the last complete request header ended. */
static void
scan (FdRelayStream *self,
      const guint8  *data,
      gsize          length)
{
  static const char end[] = "\r\n\r\n";

  if (self->upgraded)
    return;
  for (gsize i = 0; i < length; i++)
    {
      self->crlf = data[i] == (guint8) end[self->crlf] ? self->crlf + 1
                   : (data[i] == '\r' ? 1 : 0);
      if (self->crlf == 4)
        {
          self->crlf = 0;
          self->header_end = self->read_total + i + 1;
        }
    }
  self->read_total += length;
}

static gssize
fd_relay_input_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  FdRelayInput *self = FD_RELAY_INPUT (stream);
  gssize n = g_input_stream_read (self->base, buffer, count, cancellable, error);

  if (n > 0)
    scan (self->owner, buffer, (gsize) n);
  return n;
}

static gboolean
fd_relay_input_close (GInputStream  *stream,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return TRUE;   /* the owner closes the base stream */
}

static gboolean
fd_relay_input_can_poll (GPollableInputStream *stream)
{
  FdRelayInput *self = FD_RELAY_INPUT (stream);

  return G_IS_POLLABLE_INPUT_STREAM (self->base)
         && g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (self->base));
}

static gboolean
fd_relay_input_is_readable (GPollableInputStream *stream)
{
  FdRelayInput *self = FD_RELAY_INPUT (stream);

  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
fd_relay_input_create_source (GPollableInputStream *stream,
                              GCancellable         *cancellable)
{
  FdRelayInput *self = FD_RELAY_INPUT (stream);
  g_autoptr(GSource) base_source =
    g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), NULL);

  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
fd_relay_input_read_nonblocking (GPollableInputStream  *stream,
                                 void                  *buffer,
                                 gsize                  count,
                                 GError               **error)
{
  FdRelayInput *self = FD_RELAY_INPUT (stream);
  gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base),
                                                       buffer, count, NULL, error);

  if (n > 0)
    scan (self->owner, buffer, (gsize) n);
  return n;
}

static void
fd_relay_input_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = fd_relay_input_can_poll;
  iface->is_readable = fd_relay_input_is_readable;
  iface->create_source = fd_relay_input_create_source;
  iface->read_nonblocking = fd_relay_input_read_nonblocking;
}

static void
fd_relay_input_finalize (GObject *object)
{
  g_clear_object (&FD_RELAY_INPUT (object)->base);
  G_OBJECT_CLASS (fd_relay_input_parent_class)->finalize (object);
}

static void
fd_relay_input_class_init (FdRelayInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_relay_input_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = fd_relay_input_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = fd_relay_input_close;
}

static void
fd_relay_input_init (FdRelayInput *self)
{
}

/* The output side: passes writes on (the owner closes the base). */

#define FD_TYPE_RELAY_OUTPUT (fd_relay_output_get_type ())
G_DECLARE_FINAL_TYPE (FdRelayOutput, fd_relay_output, FD, RELAY_OUTPUT, GOutputStream)

struct _FdRelayOutput
{
  GOutputStream parent_instance;
  FdRelayStream *owner;
  GOutputStream *base;
};

static void fd_relay_output_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdRelayOutput, fd_relay_output, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM, fd_relay_output_pollable_init))

static gssize
fd_relay_output_write (GOutputStream  *stream,
                       const void     *buffer,
                       gsize           count,
                       GCancellable   *cancellable,
                       GError        **error)
{
  return g_output_stream_write (FD_RELAY_OUTPUT (stream)->base, buffer, count, cancellable, error);
}

static gboolean
fd_relay_output_flush (GOutputStream  *stream,
                       GCancellable   *cancellable,
                       GError        **error)
{
  return g_output_stream_flush (FD_RELAY_OUTPUT (stream)->base, cancellable, error);
}

static gboolean
fd_relay_output_close (GOutputStream  *stream,
                       GCancellable   *cancellable,
                       GError        **error)
{
  return TRUE;
}

static gboolean
fd_relay_output_can_poll (GPollableOutputStream *stream)
{
  FdRelayOutput *self = FD_RELAY_OUTPUT (stream);

  return G_IS_POLLABLE_OUTPUT_STREAM (self->base)
         && g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (self->base));
}

static gboolean
fd_relay_output_is_writable (GPollableOutputStream *stream)
{
  FdRelayOutput *self = FD_RELAY_OUTPUT (stream);

  return g_pollable_output_stream_is_writable (G_POLLABLE_OUTPUT_STREAM (self->base));
}

static GSource *
fd_relay_output_create_source (GPollableOutputStream *stream,
                               GCancellable          *cancellable)
{
  FdRelayOutput *self = FD_RELAY_OUTPUT (stream);
  g_autoptr(GSource) base_source =
    g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (self->base), NULL);

  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
fd_relay_output_write_nonblocking (GPollableOutputStream  *stream,
                                   const void             *buffer,
                                   gsize                   count,
                                   GError                **error)
{
  FdRelayOutput *self = FD_RELAY_OUTPUT (stream);

  return g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (self->base), buffer,
                                                     count, NULL, error);
}

static void
fd_relay_output_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = fd_relay_output_can_poll;
  iface->is_writable = fd_relay_output_is_writable;
  iface->create_source = fd_relay_output_create_source;
  iface->write_nonblocking = fd_relay_output_write_nonblocking;
}

static void
fd_relay_output_finalize (GObject *object)
{
  g_clear_object (&FD_RELAY_OUTPUT (object)->base);
  G_OBJECT_CLASS (fd_relay_output_parent_class)->finalize (object);
}

static void
fd_relay_output_class_init (FdRelayOutputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_relay_output_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = fd_relay_output_write;
  G_OUTPUT_STREAM_CLASS (klass)->flush = fd_relay_output_flush;
  G_OUTPUT_STREAM_CLASS (klass)->close_fn = fd_relay_output_close;
}

static void
fd_relay_output_init (FdRelayOutput *self)
{
}

/* The stream */

static GInputStream *
fd_relay_stream_get_input_stream (GIOStream *stream)
{
  return FD_RELAY_STREAM (stream)->input;
}

static GOutputStream *
fd_relay_stream_get_output_stream (GIOStream *stream)
{
  return FD_RELAY_STREAM (stream)->output;
}

static gboolean
fd_relay_stream_close_fn (GIOStream     *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  FdRelayStream *self = FD_RELAY_STREAM (stream);

  release_once (self);
  return g_io_stream_close (self->base, cancellable, error);
}

static void
on_base_closed (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* On the caller's thread (GIOStream's default would close in a worker thread). */
static void
fd_relay_stream_close_async (GIOStream           *stream,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  FdRelayStream *self = FD_RELAY_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, fd_relay_stream_close_async);
  release_once (self);
  g_io_stream_close_async (self->base, io_priority, cancellable, on_base_closed, task);
}

static gboolean
fd_relay_stream_close_finish (GIOStream     *stream,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fd_relay_stream_finalize (GObject *object)
{
  FdRelayStream *self = FD_RELAY_STREAM (object);

  release_once (self);
  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->base);
  g_clear_object (&self->socket_conn);
  g_free (self->address);
  G_OBJECT_CLASS (fd_relay_stream_parent_class)->finalize (object);
}

static void
fd_relay_stream_class_init (FdRelayStreamClass *klass)
{
  GIOStreamClass *io_class = G_IO_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = fd_relay_stream_finalize;
  io_class->get_input_stream = fd_relay_stream_get_input_stream;
  io_class->get_output_stream = fd_relay_stream_get_output_stream;
  io_class->close_fn = fd_relay_stream_close_fn;
  io_class->close_async = fd_relay_stream_close_async;
  io_class->close_finish = fd_relay_stream_close_finish;
}

static void
fd_relay_stream_init (FdRelayStream *self)
{
  self->accepted_us = g_get_monotonic_time ();
}

FdRelayStream *
fd_relay_stream_new (GIOStream         *base,
                     GSocketConnection *socket_conn,
                     const char        *address)
{
  FdRelayStream *self;
  FdRelayInput *input;
  FdRelayOutput *output;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);

  self = g_object_new (FD_TYPE_RELAY_STREAM, NULL);
  self->base = g_object_ref (base);
  self->socket_conn = socket_conn != NULL ? g_object_ref (socket_conn) : NULL;
  self->address = g_strdup (address);
  input = g_object_new (FD_TYPE_RELAY_INPUT, NULL);
  input->owner = self;
  input->base = g_object_ref (g_io_stream_get_input_stream (base));
  self->input = G_INPUT_STREAM (input);
  output = g_object_new (FD_TYPE_RELAY_OUTPUT, NULL);
  output->owner = self;
  output->base = g_object_ref (g_io_stream_get_output_stream (base));
  self->output = G_OUTPUT_STREAM (output);
  return self;
}

const char *
fd_relay_stream_get_address (FdRelayStream *self)
{
  g_return_val_if_fail (FD_IS_RELAY_STREAM (self), NULL);
  return self->address;
}

gint64
fd_relay_stream_get_accepted_us (FdRelayStream *self)
{
  g_return_val_if_fail (FD_IS_RELAY_STREAM (self), 0);
  return self->accepted_us;
}

gboolean
fd_relay_stream_is_upgraded (FdRelayStream *self)
{
  g_return_val_if_fail (FD_IS_RELAY_STREAM (self), FALSE);
  return self->upgraded;
}

gboolean
fd_relay_stream_upgrade (FdRelayStream *self)
{
  g_return_val_if_fail (FD_IS_RELAY_STREAM (self), FALSE);
  g_return_val_if_fail (!self->upgraded, FALSE);

  if (self->read_total != self->header_end)
    return FALSE;
  self->upgraded = TRUE;
  return TRUE;
}

gboolean
fd_relay_stream_is_tls (FdRelayStream *self)
{
  g_return_val_if_fail (FD_IS_RELAY_STREAM (self), FALSE);
  return G_IS_TLS_CONNECTION (self->base);
}

int
fd_relay_stream_get_fd (FdRelayStream *self)
{
  g_return_val_if_fail (FD_IS_RELAY_STREAM (self), -1);
  if (self->socket_conn == NULL)
    return -1;
  return g_socket_get_fd (g_socket_connection_get_socket (self->socket_conn));
}

void
fd_relay_stream_abort (FdRelayStream *self)
{
  GSocket *socket;

  g_return_if_fail (FD_IS_RELAY_STREAM (self));
  if (self->socket_conn == NULL)
    return;
  socket = g_socket_connection_get_socket (self->socket_conn);
  if (!g_socket_is_closed (socket))
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

void
fd_relay_stream_set_release (FdRelayStream     *self,
                             FdRelayStreamFunc  release,
                             gpointer           user_data)
{
  g_return_if_fail (FD_IS_RELAY_STREAM (self));
  self->release = release;
  self->release_data = user_data;
}
