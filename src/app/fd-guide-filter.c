/* fd-guide-filter.c: one choice of the guides page's browse list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guide-filter"

#include "config.h"

#include "fd-guide-filter.h"

struct _FdGuideFilter
{
  GObject            parent_instance;

  FdGuideFilterKind  kind;
  char              *value;
  char              *title;
};

G_DEFINE_FINAL_TYPE (FdGuideFilter, fd_guide_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fd_guide_filter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FdGuideFilter *self = FD_GUIDE_FILTER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_guide_filter_finalize (GObject *object)
{
  FdGuideFilter *self = FD_GUIDE_FILTER (object);

  g_free (self->value);
  g_free (self->title);

  G_OBJECT_CLASS (fd_guide_filter_parent_class)->finalize (object);
}

static void
fd_guide_filter_class_init (FdGuideFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_guide_filter_get_property;
  object_class->finalize = fd_guide_filter_finalize;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_guide_filter_init (FdGuideFilter *self)
{
}

FdGuideFilter *
fd_guide_filter_new (FdGuideFilterKind  kind,
                     const char        *value,
                     const char        *title)
{
  FdGuideFilter *self = g_object_new (FD_TYPE_GUIDE_FILTER, NULL);

  self->kind = kind;
  self->value = g_strdup (value);
  self->title = g_strdup (title);
  return self;
}

const char *
fd_guide_filter_get_title (FdGuideFilter *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_FILTER (self), NULL);
  return self->title;
}

gboolean
fd_guide_filter_matches (FdGuideFilter *self,
                         FdGuide       *guide)
{
  g_return_val_if_fail (FD_IS_GUIDE_FILTER (self), FALSE);

  switch (self->kind)
    {
    case FD_GUIDE_FILTER_PACKAGES:
      return fd_guide_get_kind (guide) == FD_GUIDE_KIND_PACKAGE;
    case FD_GUIDE_FILTER_CATEGORY:
      return g_strcmp0 (fd_guide_get_category (guide), self->value) == 0;
    case FD_GUIDE_FILTER_DEPARTMENT:
      return g_strcmp0 (fd_guide_get_department (guide, FD_LANG_ZH_CN), self->value) == 0;
    case FD_GUIDE_FILTER_ALL:
    default:
      return TRUE;
    }
}
