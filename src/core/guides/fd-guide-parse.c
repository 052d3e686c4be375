/* fd-guide-parse.c: reading and checking guide files (docs/guide-format.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide.h"
#include "fd-guide-private.h"

/* Parsing context: where messages go. */
typedef struct {
  const char *filename;
  GPtrArray  *messages;   /* char*, "FILE:L:C: error: ..." */
  guint       n_errors;
  char       *first_error;
  gboolean    has_translations;
} Check;

static void
check_add (Check      *check,
           gboolean    is_error,
           FdXmlNode  *node,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
check_add (Check      *check,
           gboolean    is_error,
           FdXmlNode  *node,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *msg = NULL;
  char *line;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  line = fd_xml_where (check->filename, node, "%s: %s", is_error ? "error" : "warning", msg);
  if (is_error)
    {
      check->n_errors++;
      if (check->first_error == NULL)
        check->first_error = fd_xml_where (check->filename, node, "%s", msg);
    }
  if (check->messages != NULL)
    g_ptr_array_add (check->messages, line);
  else
    g_free (line);
}

gboolean
fd_guide_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_uint (const char *str,
            guint       max,
            guint      *out)
{
  guint64 value;

  if (str == NULL || !g_ascii_string_to_unsigned (str, 10, 0, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* Reads the translatable children named @name of @parent into @array of
 * FdText (one per source element, translations attached from the xml:lang
 * siblings that follow it). Returns the number of source elements. */
static guint
read_texts (Check      *check,
            FdXmlNode  *parent,
            const char *name,
            GArray     *array)
{
  guint n = 0;

  for (guint i = 0; i < parent->children->len; i++)
    {
      FdXmlNode *child = g_ptr_array_index (parent->children, i);
      FdLang lang;
      gboolean unknown;

      if (!g_str_equal (child->name, name))
        continue;

      if (fd_xml_node_lang (child, &lang, &unknown))
        {
          FdText *last;

          check->has_translations = TRUE;
          if (unknown)
            continue; /* a language we do not show */
          if (n == 0)
            {
              check_add (check, TRUE, child, "<%s xml:lang=\"%s\"> has no Chinese source element before it",
                         name, fd_xml_node_attr (child, "xml:lang"));
              continue;
            }
          last = &g_array_index (array, FdText, array->len - 1);
          if (lang == FD_LANG_ZH_CN)
            continue; /* the source already is Chinese */
          g_free (last->s[lang]);
          last->s[lang] = fd_xml_node_text (child);
        }
      else
        {
          FdText text = { { NULL } };

          text.s[FD_LANG_ZH_CN] = fd_xml_node_text (child);
          if (*text.s[FD_LANG_ZH_CN] == '\0')
            check_add (check, TRUE, child, "<%s> is empty", name);
          g_array_append_val (array, text);
          n++;
        }
    }
  return n;
}

/* One optional single translatable child: @out gets it. Returns whether present. */
static gboolean
read_text (Check      *check,
           FdXmlNode  *parent,
           const char *name,
           FdText     *out)
{
  g_autoptr(GArray) array = g_array_new (FALSE, TRUE, sizeof (FdText));
  guint n;

  g_array_set_clear_func (array, fd_guide_clear_text_elem);
  n = read_texts (check, parent, name, array);
  if (n == 0)
    return FALSE;
  if (n > 1)
    {
      FdXmlNode *node = NULL;
      guint seen = 0;

      for (guint i = 0; i < parent->children->len; i++)
        {
          FdXmlNode *c = g_ptr_array_index (parent->children, i);
          if (g_str_equal (c->name, name) && fd_xml_node_attr (c, "xml:lang") == NULL && ++seen == 2)
            node = c;
        }
      check_add (check, TRUE, node, "<%s> may appear only once in <%s>", name, parent->name);
    }
  *out = g_array_index (array, FdText, 0);
  memset (&g_array_index (array, FdText, 0), 0, sizeof (FdText));
  return TRUE;
}

static FdXmlNode *
find_child (FdXmlNode  *parent,
            const char *name)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      FdXmlNode *child = g_ptr_array_index (parent->children, i);
      if (g_str_equal (child->name, name))
        return child;
    }
  return NULL;
}

static void
check_children (Check              *check,
                FdXmlNode          *parent,
                const char * const *allowed)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      FdXmlNode *child = g_ptr_array_index (parent->children, i);

      if (!g_strv_contains (allowed, child->name))
        check_add (check, TRUE, child, "unknown element <%s> in <%s>", child->name, parent->name);
    }
}

static gboolean
text_translated (const FdText *text,
                 FdLang        lang)
{
  return text->s[FD_LANG_ZH_CN] == NULL || text->s[lang] != NULL;
}

static gboolean
array_translated (GArray *texts,
                  FdLang  lang)
{
  for (guint i = 0; i < texts->len; i++)
    if (!text_translated (&g_array_index (texts, FdText, i), lang))
      return FALSE;
  return TRUE;
}

void
fd_guide_compute_translated (FdGuide *self)
{
  for (FdLang lang = 0; lang < FD_N_LANGS; lang++)
    {
      gboolean ok = TRUE;

      ok = ok && text_translated (&self->name, lang) && text_translated (&self->department, lang);
      ok = ok && text_translated (&self->keywords, lang) && text_translated (&self->description, lang);
      ok = ok && text_translated (&self->place, lang) && text_translated (&self->online_channel, lang);
      ok = ok && array_translated (self->basis, lang) && array_translated (self->eligibility, lang);
      ok = ok && array_translated (self->steps, lang) && array_translated (self->fees, lang);
      for (guint i = 0; ok && i < self->materials->len; i++)
        {
          FdGuideMaterial *m = &g_array_index (self->materials, FdGuideMaterial, i);
          ok = text_translated (&m->name, lang) && text_translated (&m->note, lang);
        }
      for (guint i = 0; ok && i < self->faq->len; i++)
        {
          FaqEntry *f = &g_array_index (self->faq, FaqEntry, i);
          ok = text_translated (&f->q, lang) && text_translated (&f->a, lang);
        }
      self->translated[lang] = ok;
    }
}

static void
read_materials (Check     *check,
                FdGuide   *self,
                FdXmlNode *materials)
{
  static const char * const allowed[] = { "material", NULL };
  static const char * const m_allowed[] = { "name", "note", NULL };

  check_children (check, materials, allowed);
  for (guint i = 0; i < materials->children->len; i++)
    {
      FdXmlNode *node = g_ptr_array_index (materials->children, i);
      FdGuideMaterial m = { { { NULL } }, { { NULL } }, FD_MATERIAL_ORIGINAL, 1 };
      const char *form = fd_xml_node_attr (node, "form");
      const char *quantity = fd_xml_node_attr (node, "quantity");

      if (!g_str_equal (node->name, "material"))
        continue;
      check_children (check, node, m_allowed);
      if (form == NULL || g_str_equal (form, "original"))
        m.form = FD_MATERIAL_ORIGINAL;
      else if (g_str_equal (form, "copy"))
        m.form = FD_MATERIAL_COPY;
      else if (g_str_equal (form, "electronic"))
        m.form = FD_MATERIAL_ELECTRONIC;
      else
        check_add (check, TRUE, node, "form=\"%s\" must be original, copy or electronic", form);
      if (quantity != NULL && (!parse_uint (quantity, 1000, &m.quantity) || m.quantity == 0))
        {
          check_add (check, TRUE, node, "quantity=\"%s\" must be a whole number from 1", quantity);
          m.quantity = 1;
        }
      if (!read_text (check, node, "name", &m.name))
        {
          check_add (check, TRUE, node, "<material> needs a <name>");
          continue;
        }
      read_text (check, node, "note", &m.note);
      g_array_append_val (self->materials, m);
    }
}

static void
read_item_list (Check      *check,
                FdXmlNode  *parent,
                const char *item,
                GArray     *out)
{
  const char * const allowed[] = { item, NULL };

  check_children (check, parent, allowed);
  read_texts (check, parent, item, out);
}

static gboolean
parse_guide (FdGuide   *self,
             FdXmlNode *root,
             Check     *check)
{
  static const char * const matter_allowed[] = {
    "code", "name", "department", "keywords", "basis", "eligibility", "materials", "steps",
    "time-limit", "fee", "location", "online", "phone", "faq", "description", NULL };
  static const char * const package_allowed[] = {
    "code", "name", "department", "keywords", "basis", "eligibility", "materials", "steps",
    "time-limit", "fee", "location", "online", "phone", "faq", "description", "matters", NULL };
  static const struct { const char *key; FdGuideType type; } types[] = {
    { "permit", FD_GUIDE_TYPE_PERMIT }, { "confirmation", FD_GUIDE_TYPE_CONFIRMATION },
    { "registration", FD_GUIDE_TYPE_REGISTRATION }, { "payment", FD_GUIDE_TYPE_PAYMENT },
    { "public-service", FD_GUIDE_TYPE_PUBLIC_SERVICE }, { "other", FD_GUIDE_TYPE_OTHER },
  };
  const char *attr;
  FdXmlNode *node;

  if (g_str_equal (root->name, "matter"))
    self->kind = FD_GUIDE_KIND_MATTER;
  else if (g_str_equal (root->name, "package"))
    self->kind = FD_GUIDE_KIND_PACKAGE;
  else
    {
      check_add (check, TRUE, root, "the root element must be <matter> or <package>, not <%s>", root->name);
      return FALSE;
    }
  check_children (check, root, self->kind == FD_GUIDE_KIND_MATTER ? matter_allowed : package_allowed);

  attr = fd_xml_node_attr (root, "id");
  if (!fd_guide_id_is_valid (attr))
    check_add (check, TRUE, root, "id=\"%s\" must be ASCII [a-z0-9-]+", attr != NULL ? attr : "");
  self->id = g_strdup (attr != NULL ? attr : "");

  attr = fd_xml_node_attr (root, "category");
  if (!fd_guide_id_is_valid (attr))
    check_add (check, TRUE, root, "category=\"%s\" must be a category key [a-z0-9-]+", attr != NULL ? attr : "");
  self->category = g_strdup (attr != NULL ? attr : "");

  attr = fd_xml_node_attr (root, "type");
  self->type = FD_GUIDE_TYPE_OTHER;
  if (attr == NULL && self->kind == FD_GUIDE_KIND_MATTER)
    check_add (check, TRUE, root, "a <matter> needs type= (permit, confirmation, registration, payment, public-service or other)");
  else if (attr != NULL)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        if (g_str_equal (attr, types[i].key))
          {
            self->type = types[i].type;
            found = TRUE;
          }
      if (!found)
        check_add (check, TRUE, root, "type=\"%s\" must be permit, confirmation, registration, payment, public-service or other", attr);
    }

  attr = fd_xml_node_attr (root, "visits");
  self->visits = 1;
  if (attr != NULL && (!parse_uint (attr, 1, &self->visits)))
    check_add (check, TRUE, root, "visits=\"%s\" must be 0 or 1", attr);

  attr = fd_xml_node_attr (root, "extended");
  if (attr != NULL)
    {
      g_auto(GStrv) words = g_strsplit_set (attr, " \t\n", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] == '\0')
            continue;
          if (g_str_equal (words[i], "morning"))
            self->extended |= FD_EXTENDED_MORNING;
          else if (g_str_equal (words[i], "evening"))
            self->extended |= FD_EXTENDED_EVENING;
          else if (g_str_equal (words[i], "saturday"))
            self->extended |= FD_EXTENDED_SATURDAY;
          else
            check_add (check, TRUE, root, "extended=\"%s\": unknown list \"%s\" (morning, evening, saturday)", attr, words[i]);
        }
    }

  if ((node = find_child (root, "code")) != NULL)
    self->code = fd_xml_node_text (node);
  if ((node = find_child (root, "phone")) != NULL)
    self->phone = fd_xml_node_text (node);

  if (!read_text (check, root, "name", &self->name))
    check_add (check, TRUE, root, "<%s> needs a <name>", root->name);
  if (!read_text (check, root, "department", &self->department) && self->kind == FD_GUIDE_KIND_MATTER)
    check_add (check, TRUE, root, "a <matter> needs a <department>");
  read_text (check, root, "keywords", &self->keywords);
  read_text (check, root, "description", &self->description);
  read_texts (check, root, "basis", self->basis);

  if ((node = find_child (root, "eligibility")) != NULL)
    read_item_list (check, node, "item", self->eligibility);
  if ((node = find_child (root, "materials")) != NULL)
    read_materials (check, self, node);
  else
    check_add (check, TRUE, root, "<%s> needs <materials>", root->name);
  if ((node = find_child (root, "steps")) != NULL)
    read_item_list (check, node, "step", self->steps);

  if ((node = find_child (root, "time-limit")) != NULL)
    {
      const char *statutory = fd_xml_node_attr (node, "statutory");
      const char *promised = fd_xml_node_attr (node, "promised");

      self->has_time_limit = TRUE;
      if (!parse_uint (statutory, 3650, &self->statutory))
        check_add (check, TRUE, node, "statutory=\"%s\" must be a number of working days",
                   statutory != NULL ? statutory : "");
      if (!parse_uint (promised, 3650, &self->promised))
        check_add (check, TRUE, node, "promised=\"%s\" must be a number of working days",
                   promised != NULL ? promised : "");
      else if (self->statutory > 0 && self->promised > self->statutory)
        check_add (check, TRUE, node, "promised (%u) exceeds statutory (%u)", self->promised, self->statutory);
    }

  if ((node = find_child (root, "fee")) != NULL)
    {
      const char *free_attr = fd_xml_node_attr (node, "free");

      self->fee_free = g_strcmp0 (free_attr, "true") == 0;
      if (free_attr != NULL && !self->fee_free && !g_str_equal (free_attr, "false"))
        check_add (check, TRUE, node, "free=\"%s\" must be true or false", free_attr);
      read_item_list (check, node, "item", self->fees);
      if (self->fee_free && self->fees->len > 0)
        check_add (check, TRUE, node, "a free <fee> cannot list fee items");
      if (!self->fee_free && self->fees->len == 0)
        check_add (check, TRUE, node, "<fee> must be free=\"true\" or list its <item>s");
    }
  else
    check_add (check, TRUE, root, "<%s> needs <fee> (write <fee free=\"true\"/> when free)", root->name);

  if ((node = find_child (root, "location")) != NULL)
    {
      static const char * const allowed[] = { "place", NULL };
      const char *windows = fd_xml_node_attr (node, "windows");

      check_children (check, node, allowed);
      self->windows = g_strsplit_set (windows != NULL ? windows : "", " \t\n", -1);
      /* drop empty words */
      {
        guint w = 0;
        for (guint r = 0; self->windows[r] != NULL; r++)
          {
            if (*self->windows[r] == '\0')
              g_free (self->windows[r]);
            else
              self->windows[w++] = self->windows[r];
          }
        self->windows[w] = NULL;
      }
      read_text (check, node, "place", &self->place);
    }
  if (self->windows == NULL)
    self->windows = g_new0 (char *, 1);

  if ((node = find_child (root, "online")) != NULL)
    {
      static const char * const allowed[] = { "channel", NULL };
      const char *url = fd_xml_node_attr (node, "url");

      check_children (check, node, allowed);
      if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) &&
          g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
        self->online_url = g_strdup (url);
      else if (url != NULL)
        check_add (check, TRUE, node, "url=\"%s\" must be an http(s) URL", url);
      read_text (check, node, "channel", &self->online_channel);
    }

  if ((node = find_child (root, "faq")) != NULL)
    {
      g_autoptr(GArray) qs = g_array_new (FALSE, TRUE, sizeof (FdText));
      g_autoptr(GArray) as = g_array_new (FALSE, TRUE, sizeof (FdText));
      static const char * const allowed[] = { "q", "a", NULL };

      check_children (check, node, allowed);
      read_texts (check, node, "q", qs);
      read_texts (check, node, "a", as);
      if (qs->len != as->len)
        check_add (check, TRUE, node, "<faq> needs one <a> per <q> (%u questions, %u answers)", qs->len, as->len);
      for (guint i = 0; i < MIN (qs->len, as->len); i++)
        {
          FaqEntry f = { g_array_index (qs, FdText, i), g_array_index (as, FdText, i) };
          g_array_append_val (self->faq, f);
        }
      for (guint i = MIN (qs->len, as->len); i < qs->len; i++)
        fd_text_clear (&g_array_index (qs, FdText, i));
      for (guint i = MIN (qs->len, as->len); i < as->len; i++)
        fd_text_clear (&g_array_index (as, FdText, i));
    }

  if (self->kind == FD_GUIDE_KIND_PACKAGE)
    {
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();

      node = find_child (root, "matters");
      if (node != NULL)
        {
          static const char * const allowed[] = { "matter", NULL };

          check_children (check, node, allowed);
          for (guint i = 0; i < node->children->len; i++)
            {
              FdXmlNode *m = g_ptr_array_index (node->children, i);
              const char *ref = fd_xml_node_attr (m, "ref");

              if (!fd_guide_id_is_valid (ref))
                check_add (check, TRUE, m, "<matter ref=\"%s\"> must name a matter id", ref != NULL ? ref : "");
              else
                g_ptr_array_add (refs, g_strdup (ref));
            }
        }
      if (refs->len == 0)
        check_add (check, TRUE, node != NULL ? node : root, "a <package> needs <matters> with at least one <matter ref=\"...\"/>");
      g_ptr_array_add (refs, NULL);
      self->matter_refs = (char **) g_ptr_array_free (g_steal_pointer (&refs), FALSE);
    }
  else
    self->matter_refs = g_new0 (char *, 1);

  fd_guide_compute_translated (self);
  if (check->has_translations)
    for (FdLang lang = FD_LANG_EN; lang < FD_N_LANGS; lang++)
      if (!self->translated[lang])
        check_add (check, FALSE, root, "some texts have no %s translation (Chinese is shown instead)",
                   fd_lang_native_name (lang));

  return check->n_errors == 0;
}

static FdGuide *
guide_from_tree (FdXmlNode   *root,
                 const char  *filename,
                 GPtrArray   *messages,
                 GError     **error)
{
  g_autoptr(FdGuide) self = g_object_new (FD_TYPE_GUIDE, NULL);
  Check check = { filename, messages, 0, NULL, FALSE };

  if (!parse_guide (self, root, &check))
    {
      g_set_error_literal (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID, check.first_error);
      g_free (check.first_error);
      return NULL;
    }
  g_free (check.first_error);
  return g_steal_pointer (&self);
}

FdGuide *
fd_guide_parse_checked (const char  *data,
                        gsize        length,
                        const char  *filename,
                        GError     **error)
{
  g_autoptr(FdXmlNode) root = fd_xml_parse (data, length, filename, error);

  if (root == NULL)
    return NULL;
  return guide_from_tree (root, filename, NULL, error);
}

/* Public */

FdGuide *
fd_guide_new_from_file (const char  *path,
                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;
  FdGuide *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND,
                   "%s:0:0: %s", path, local_error->message);
      return NULL;
    }
  self = fd_guide_parse_fast (data, length);
  if (self == NULL)
    self = fd_guide_parse_checked (data, length, path, error);
  if (self != NULL)
    self->path = g_strdup (path);
  return self;
}

FdGuide *
fd_guide_new_from_data (const char  *data,
                        gssize       length,
                        const char  *filename,
                        GError     **error)
{
  FdGuide *self;

  g_return_val_if_fail (data != NULL, NULL);

  if (filename == NULL)
    filename = "<data>";
  if (length < 0)
    length = strlen (data);
  self = fd_guide_parse_fast (data, length);
  if (self == NULL)
    self = fd_guide_parse_checked (data, length, filename, error);
  return self;
}

gboolean
fd_guide_validate_file (const char *path,
                        GPtrArray  *messages)
{
  g_autoptr(FdXmlNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) guide = NULL;
  g_autoptr(GPtrArray) local = NULL;
  guint n_errors = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  root = fd_xml_parse_file (path, &error);
  if (root == NULL)
    {
      if (messages != NULL)
        {
          /* "FILE:L:C: msg" → "FILE:L:C: error: msg" */
          const char *msg = error->message;
          const char *p = msg + strlen (path);
          if (g_str_has_prefix (msg, path) && *p == ':')
            {
              const char *q = strstr (p, ": ");
              if (q != NULL)
                {
                  g_ptr_array_add (messages, g_strdup_printf ("%.*s: error: %s",
                                                              (int) (q - msg), msg, q + 2));
                  return FALSE;
                }
            }
          g_ptr_array_add (messages, g_strdup_printf ("%s:1:1: error: %s", path, msg));
        }
      return FALSE;
    }

  local = g_ptr_array_new_with_free_func (g_free);
  guide = guide_from_tree (root, path, local, NULL);
  for (guint i = 0; i < local->len; i++)
    {
      const char *line = g_ptr_array_index (local, i);
      if (strstr (line, ": error: ") != NULL)
        n_errors++;
      if (messages != NULL)
        g_ptr_array_add (messages, g_strdup (line));
    }
  return n_errors == 0;
}

