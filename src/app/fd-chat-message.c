/* fd-chat-message.c: one line of a call's chat
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-chat-message"

#include "config.h"

#include "fd-chat-message.h"

struct _FdChatMessage
{
  GObject   parent_instance;

  char     *sender;
  char     *text;
  gboolean  incoming;
};

enum {
  PROP_0,
  PROP_SENDER,
  PROP_TEXT,
  PROP_INCOMING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FdChatMessage, fd_chat_message, G_TYPE_OBJECT)

static void
fd_chat_message_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FdChatMessage *self = FD_CHAT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_SENDER:
      g_value_set_string (value, self->sender);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_INCOMING:
      g_value_set_boolean (value, self->incoming);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_chat_message_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FdChatMessage *self = FD_CHAT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_SENDER:
      self->sender = g_value_dup_string (value);
      break;
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_INCOMING:
      self->incoming = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_chat_message_finalize (GObject *object)
{
  FdChatMessage *self = FD_CHAT_MESSAGE (object);

  g_free (self->sender);
  g_free (self->text);

  G_OBJECT_CLASS (fd_chat_message_parent_class)->finalize (object);
}

static void
fd_chat_message_class_init (FdChatMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_chat_message_get_property;
  object_class->set_property = fd_chat_message_set_property;
  object_class->finalize = fd_chat_message_finalize;

  properties[PROP_SENDER] =
    g_param_spec_string ("sender", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCOMING] =
    g_param_spec_boolean ("incoming", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_chat_message_init (FdChatMessage *self)
{
}

FdChatMessage *
fd_chat_message_new (const char *sender,
                     const char *text,
                     gboolean    incoming)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_object_new (FD_TYPE_CHAT_MESSAGE, "sender", sender, "text", text,
                       "incoming", incoming, NULL);
}

const char *
fd_chat_message_get_sender (FdChatMessage *self)
{
  g_return_val_if_fail (FD_IS_CHAT_MESSAGE (self), NULL);
  return self->sender;
}

const char *
fd_chat_message_get_text (FdChatMessage *self)
{
  g_return_val_if_fail (FD_IS_CHAT_MESSAGE (self), NULL);
  return self->text;
}

gboolean
fd_chat_message_get_incoming (FdChatMessage *self)
{
  g_return_val_if_fail (FD_IS_CHAT_MESSAGE (self), FALSE);
  return self->incoming;
}
