/* fd-text-item.c: a line of text with its title
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-text-item"

#include "config.h"

#include "fd-text-item.h"

struct _FdTextItem
{
  GObject   parent_instance;

  char     *title;
  char     *text;
  char     *style;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_TEXT,
  PROP_STYLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FdTextItem, fd_text_item, G_TYPE_OBJECT)

static void
fd_text_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FdTextItem *self = FD_TEXT_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_STYLE:
      g_value_set_string (value, self->style);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_text_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FdTextItem *self = FD_TEXT_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_STYLE:
      self->style = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_text_item_finalize (GObject *object)
{
  FdTextItem *self = FD_TEXT_ITEM (object);

  g_free (self->title);
  g_free (self->text);
  g_free (self->style);

  G_OBJECT_CLASS (fd_text_item_parent_class)->finalize (object);
}

static void
fd_text_item_class_init (FdTextItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_text_item_get_property;
  object_class->set_property = fd_text_item_set_property;
  object_class->finalize = fd_text_item_finalize;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] =
    g_param_spec_string ("style", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_text_item_init (FdTextItem *self)
{
}

FdTextItem *
fd_text_item_new (const char *title,
                  const char *text,
                  const char *style)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_object_new (FD_TYPE_TEXT_ITEM, "title", title, "text", text, "style", style, NULL);
}

const char *
fd_text_item_get_title (FdTextItem *self)
{
  g_return_val_if_fail (FD_IS_TEXT_ITEM (self), NULL);
  return self->title;
}

const char *
fd_text_item_get_text (FdTextItem *self)
{
  g_return_val_if_fail (FD_IS_TEXT_ITEM (self), NULL);
  return self->text;
}

const char *
fd_text_item_get_style (FdTextItem *self)
{
  g_return_val_if_fail (FD_IS_TEXT_ITEM (self), NULL);
  return self->style;
}
