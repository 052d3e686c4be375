/* fd-guide-catalog.c: every guide of a guides directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-catalog-private.h"
#include "fd-guide-search.h"

struct _FdGuideCatalog
{
  GObject      parent_instance;

  CatalogData *data;
  gboolean     loaded;
  gboolean     sample_data;
};

enum {
  PROP_0,
  PROP_LOADED,
  PROP_SAMPLE_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fd_guide_catalog_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdGuideCatalog, fd_guide_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, fd_guide_catalog_list_model_init))

static void
set_loaded (FdGuideCatalog *self)
{
  if (self->loaded)
    return;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
swap_data (FdGuideCatalog *self,
           CatalogData    *d)
{
  guint removed = self->data->guides->len;

  _fd_catalog_data_free (self->data);
  self->data = d;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, d->guides->len);
  set_loaded (self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CatalogData *d = _fd_catalog_load_dir_data (task_data, cancellable, &error);

  if (d == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, d, (GDestroyNotify) _fd_catalog_data_free);
}

static GType
fd_guide_catalog_get_item_type (GListModel *model)
{
  return FD_TYPE_GUIDE;
}

static guint
fd_guide_catalog_get_n_items (GListModel *model)
{
  return FD_GUIDE_CATALOG (model)->data->guides->len;
}

static gpointer
fd_guide_catalog_get_item (GListModel *model,
                           guint       position)
{
  FdGuideCatalog *self = FD_GUIDE_CATALOG (model);

  if (position >= self->data->guides->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->data->guides, position));
}

static void
fd_guide_catalog_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fd_guide_catalog_get_item_type;
  iface->get_n_items = fd_guide_catalog_get_n_items;
  iface->get_item = fd_guide_catalog_get_item;
}

static void
fd_guide_catalog_finalize (GObject *object)
{
  FdGuideCatalog *self = FD_GUIDE_CATALOG (object);

  g_clear_pointer (&self->data, _fd_catalog_data_free);

  G_OBJECT_CLASS (fd_guide_catalog_parent_class)->finalize (object);
}

static void
fd_guide_catalog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FdGuideCatalog *self = FD_GUIDE_CATALOG (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_SAMPLE_DATA:
      g_value_set_boolean (value, self->sample_data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_guide_catalog_class_init (FdGuideCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fd_guide_catalog_finalize;
  object_class->get_property = fd_guide_catalog_get_property;

  /* TRUE once a load has finished, successfully or not (see the load
   * errors): views show a spinner until then. */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE (the default) while window numbers, floors and codes are the
   * shipped examples: no hall folder was read (fd-hall-folder.h). */
  properties[PROP_SAMPLE_DATA] =
    g_param_spec_boolean ("sample-data", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_guide_catalog_init (FdGuideCatalog *self)
{
  self->sample_data = TRUE;
  self->data = _fd_catalog_data_new ();
  g_ptr_array_add (self->data->categories, NULL);
  g_ptr_array_add (self->data->departments, NULL);
  self->data->index = fd_guide_index_new (self->data->guides, NULL, NULL, NULL);
}

/* Public */

gboolean
fd_guide_catalog_get_sample_data (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), TRUE);
  return self->sample_data;
}

void
fd_guide_catalog_set_sample_data (FdGuideCatalog *self,
                                  gboolean        sample_data)
{
  g_return_if_fail (FD_IS_GUIDE_CATALOG (self));

  sample_data = !!sample_data;
  if (self->sample_data == sample_data)
    return;
  self->sample_data = sample_data;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE_DATA]);
}

gboolean
fd_guide_catalog_get_loaded (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), FALSE);
  return self->loaded;
}

char *
fd_guides_default_dir (void)
{
  const char *datadir = g_getenv ("FRONTDESK_DATADIR");

  if (datadir != NULL && *datadir != '\0')
    return g_build_filename (datadir, "guides", NULL);
  return g_build_filename (PKGDATADIR, "guides", NULL);
}

FdGuideCatalog *
fd_guide_catalog_new (void)
{
  return g_object_new (FD_TYPE_GUIDE_CATALOG, NULL);
}

gboolean
fd_guide_catalog_load_dir (FdGuideCatalog  *self,
                           const char      *dir,
                           GCancellable    *cancellable,
                           GError         **error)
{
  CatalogData *d;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  d = _fd_catalog_load_dir_data (dir, cancellable, error);
  if (d == NULL)
    {
      set_loaded (self);
      return FALSE;
    }
  swap_data (self, d);
  return TRUE;
}

void
fd_guide_catalog_load_dir_async (FdGuideCatalog      *self,
                                 const char          *dir,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_GUIDE_CATALOG (self));
  g_return_if_fail (dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_guide_catalog_load_dir_async);
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
fd_guide_catalog_load_dir_finish (FdGuideCatalog  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  CatalogData *d;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  d = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (d == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_loaded (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  swap_data (self, d);
  return TRUE;
}

gboolean
fd_guide_catalog_load_files (FdGuideCatalog      *self,
                             const char * const  *paths,
                             GError             **error)
{
  CatalogData *d;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  d = _fd_catalog_load_files_data (paths);
  swap_data (self, d);
  return TRUE;
}

const char *
fd_guide_catalog_get_dir (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  return self->data->dir;
}

GPtrArray *
fd_guide_catalog_get_load_errors (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  return self->data->errors;
}

FdGuide *
fd_guide_catalog_lookup (FdGuideCatalog *self,
                         const char     *id)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->data->by_id, id);
}

static GPtrArray *
list_kind (FdGuideCatalog *self,
           FdGuideKind     kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < self->data->guides->len; i++)
    {
      FdGuide *g = g_ptr_array_index (self->data->guides, i);
      if (fd_guide_get_kind (g) == kind)
        g_ptr_array_add (out, g);
    }
  return out;
}

GPtrArray *
fd_guide_catalog_list_matters (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  return list_kind (self, FD_GUIDE_KIND_MATTER);
}

GPtrArray *
fd_guide_catalog_list_packages (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  return list_kind (self, FD_GUIDE_KIND_PACKAGE);
}

const char * const *
fd_guide_catalog_get_categories (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  return (const char * const *) self->data->categories->pdata;
}

const char *
fd_guide_catalog_get_category_title (FdGuideCatalog *self,
                                     const char     *category,
                                     FdLang          lang)
{
  FdText *title;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (category != NULL && lang < FD_N_LANGS, NULL);

  title = g_hash_table_lookup (self->data->category_titles, category);
  if (title == NULL)
    return category;
  return fd_text_get (title, lang);
}

GPtrArray *
fd_guide_catalog_list_by_category (FdGuideCatalog *self,
                                   const char     *category)
{
  GPtrArray *out;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (category != NULL, NULL);

  out = g_ptr_array_new ();
  for (guint i = 0; i < self->data->guides->len; i++)
    {
      FdGuide *g = g_ptr_array_index (self->data->guides, i);
      if (g_str_equal (fd_guide_get_category (g), category))
        g_ptr_array_add (out, g);
    }
  return out;
}

const char * const *
fd_guide_catalog_get_departments (FdGuideCatalog *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  return (const char * const *) self->data->departments->pdata;
}

const char *
fd_guide_catalog_get_department_name (FdGuideCatalog *self,
                                      const char     *department_zh,
                                      FdLang          lang)
{
  const FdText *text;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (department_zh != NULL && lang < FD_N_LANGS, NULL);

  text = g_hash_table_lookup (self->data->department_texts, department_zh);
  if (text == NULL)
    return department_zh;
  return fd_text_get (text, lang);
}

GPtrArray *
fd_guide_catalog_list_by_department (FdGuideCatalog *self,
                                     const char     *department_zh)
{
  GPtrArray *out;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (department_zh != NULL, NULL);

  out = g_ptr_array_new ();
  for (guint i = 0; i < self->data->guides->len; i++)
    {
      FdGuide *g = g_ptr_array_index (self->data->guides, i);
      const char *d = fd_guide_get_department (g, FD_LANG_ZH_CN);
      if (d != NULL && g_str_equal (d, department_zh))
        g_ptr_array_add (out, g);
    }
  return out;
}

GPtrArray *
fd_guide_catalog_get_package_matters (FdGuideCatalog *self,
                                      FdGuide        *package)
{
  GPtrArray *out;
  const char * const *refs;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (FD_IS_GUIDE (package), NULL);

  out = g_ptr_array_new ();
  refs = fd_guide_get_matter_refs (package);
  for (guint i = 0; refs[i] != NULL; i++)
    {
      FdGuide *m = g_hash_table_lookup (self->data->by_id, refs[i]);
      if (m != NULL && fd_guide_get_kind (m) == FD_GUIDE_KIND_MATTER)
        g_ptr_array_add (out, m);
    }
  return out;
}

GPtrArray *
fd_guide_catalog_get_matter_packages (FdGuideCatalog *self,
                                      FdGuide        *matter)
{
  GPtrArray *out;

  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (FD_IS_GUIDE (matter), NULL);

  out = g_ptr_array_new ();
  for (guint i = 0; i < self->data->guides->len; i++)
    {
      FdGuide *g = g_ptr_array_index (self->data->guides, i);
      if (g_strv_contains ((const char * const *) fd_guide_get_matter_refs (g), fd_guide_get_id (matter)))
        g_ptr_array_add (out, g);
    }
  return out;
}

GArray *
fd_guide_catalog_search (FdGuideCatalog *self,
                         const char     *query,
                         guint           limit)
{
  g_return_val_if_fail (FD_IS_GUIDE_CATALOG (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  return fd_guide_index_search (self->data->index, query, limit);
}
