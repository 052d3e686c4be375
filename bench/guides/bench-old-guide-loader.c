/* bench-old-guide-loader.c: the guide loader before issue 10.5, kept for comparison only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A copy of the fast path of the two-parser design (fd-guide-sax.c at
 * commit 31af5e4: GMarkup straight into the model, giving up on anything
 * unusual), writing into a plain struct with the same fields as the
 * FdGuide of that time, so bench-guides can time today's one parser beside
 * it in the same run. Not linked into anything but the benchmark.
 */
#include "config.h"

#include <string.h>

#include "bench-old-guide-loader.h"

#define FD_N_LANGS_OLD 3
enum { OLD_ZH, OLD_EN, OLD_RU };

typedef struct {
  char *s[FD_N_LANGS_OLD];
} FdText;

typedef enum { FD_MATERIAL_ORIGINAL, FD_MATERIAL_COPY, FD_MATERIAL_ELECTRONIC } OldForm;

typedef struct {
  FdText  name;
  FdText  note;
  OldForm form;
  guint   quantity;
} FdGuideMaterial;

typedef struct {
  FdText q;
  FdText a;
} FaqEntry;

typedef enum { KIND_MATTER, KIND_PACKAGE } OldKind;
typedef enum {
  FD_GUIDE_TYPE_PERMIT, FD_GUIDE_TYPE_CONFIRMATION, FD_GUIDE_TYPE_REGISTRATION, FD_GUIDE_TYPE_PAYMENT,
  FD_GUIDE_TYPE_PUBLIC_SERVICE, FD_GUIDE_TYPE_OTHER,
} OldType;
enum { FD_EXTENDED_MORNING = 1, FD_EXTENDED_EVENING = 2, FD_EXTENDED_SATURDAY = 4 };

typedef struct {
  char      *id;
  OldKind    kind;
  char      *code;
  char      *category;
  OldType    type;
  guint      visits;
  guint      extended;
  gboolean   translated[FD_N_LANGS_OLD];
  FdText     name;
  FdText     department;
  FdText     keywords;
  FdText     description;
  GArray    *basis;
  GArray    *eligibility;
  GArray    *materials;
  GArray    *steps;
  gboolean   has_time_limit;
  guint      statutory;
  guint      promised;
  gboolean   fee_free;
  GArray    *fees;
  char     **windows;
  FdText     place;
  char      *online_url;
  FdText     online_channel;
  char      *phone;
  GArray    *faq;
  char     **matter_refs;
} OldGuide;

#define FD_LANG_ZH_CN OLD_ZH
#define FD_LANG_EN OLD_EN
#define FD_LANG_RU OLD_RU
#define FD_GUIDE_KIND_MATTER KIND_MATTER
#define FD_GUIDE_KIND_PACKAGE KIND_PACKAGE

static void
fd_text_clear (FdText *text)
{
  for (guint i = 0; i < FD_N_LANGS_OLD; i++)
    g_clear_pointer (&text->s[i], g_free);
}

static void
clear_text_elem (gpointer data)
{
  fd_text_clear (data);
}

static void
old_clear_material (gpointer data)
{
  FdGuideMaterial *m = data;

  fd_text_clear (&m->name);
  fd_text_clear (&m->note);
}

static void
clear_faq (gpointer data)
{
  FaqEntry *f = data;

  fd_text_clear (&f->q);
  fd_text_clear (&f->a);
}

static GArray *
text_array (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (FdText));

  g_array_set_clear_func (a, clear_text_elem);
  return a;
}

static OldGuide *
old_guide_new (void)
{
  OldGuide *g = g_new0 (OldGuide, 1);

  g->basis = text_array ();
  g->eligibility = text_array ();
  g->steps = text_array ();
  g->fees = text_array ();
  g->materials = g_array_new (FALSE, TRUE, sizeof (FdGuideMaterial));
  g_array_set_clear_func (g->materials, old_clear_material);
  g->faq = g_array_new (FALSE, TRUE, sizeof (FaqEntry));
  g_array_set_clear_func (g->faq, clear_faq);
  return g;
}

static void
old_guide_free (OldGuide *g)
{
  g_free (g->id);
  g_free (g->code);
  g_free (g->category);
  fd_text_clear (&g->name);
  fd_text_clear (&g->department);
  fd_text_clear (&g->keywords);
  fd_text_clear (&g->description);
  g_array_unref (g->basis);
  g_array_unref (g->eligibility);
  g_array_unref (g->materials);
  g_array_unref (g->steps);
  g_array_unref (g->fees);
  g_strfreev (g->windows);
  fd_text_clear (&g->place);
  g_free (g->online_url);
  fd_text_clear (&g->online_channel);
  g_free (g->phone);
  g_array_unref (g->faq);
  g_strfreev (g->matter_refs);
  g_free (g);
}

static gboolean
old_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
text_translated (const FdText *text,
                 int           lang)
{
  return text->s[FD_LANG_ZH_CN] == NULL || text->s[lang] != NULL;
}

static gboolean
array_translated (GArray *texts,
                  int     lang)
{
  for (guint i = 0; i < texts->len; i++)
    if (!text_translated (&g_array_index (texts, FdText, i), lang))
      return FALSE;
  return TRUE;
}

static void
old_compute_translated (OldGuide *self)
{
  for (int lang = 0; lang < FD_N_LANGS_OLD; lang++)
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

typedef enum {
  E_NONE,
  /* children of the root */
  E_CODE, E_PHONE, E_NAME, E_DEPARTMENT, E_KEYWORDS, E_DESCRIPTION, E_BASIS,
  E_ELIGIBILITY, E_MATERIALS, E_STEPS, E_TIME_LIMIT, E_FEE, E_LOCATION, E_ONLINE,
  E_FAQ, E_MATTERS,
  E_N_ROOT_CHILDREN,
  /* deeper */
  E_ITEM, E_STEP, E_MATERIAL, E_PLACE, E_CHANNEL, E_Q, E_A, E_MATTER_REF, E_M_NAME, E_M_NOTE,
  E_ROOT,
} Elem;

static const char * const root_children[E_N_ROOT_CHILDREN] = {
  [E_CODE] = "code", [E_PHONE] = "phone", [E_NAME] = "name", [E_DEPARTMENT] = "department",
  [E_KEYWORDS] = "keywords", [E_DESCRIPTION] = "description", [E_BASIS] = "basis",
  [E_ELIGIBILITY] = "eligibility", [E_MATERIALS] = "materials", [E_STEPS] = "steps",
  [E_TIME_LIMIT] = "time-limit", [E_FEE] = "fee", [E_LOCATION] = "location",
  [E_ONLINE] = "online", [E_FAQ] = "faq", [E_MATTERS] = "matters",
};

#define MAX_DEPTH 4

typedef struct {
  OldGuide  *guide;
  Elem       stack[MAX_DEPTH + 1];
  int        depth;          /* 0 outside the root */
  gboolean   root_done;
  guint32    seen;           /* bit per root child */

  /* the text element being read */
  gboolean   in_text;
  char     **target;         /* where its text goes */
  gboolean   is_source;      /* a source element (must not be empty) */
  GString   *text;

  /* the <material> being read */
  FdGuideMaterial material;
  gboolean   material_has_name;
  gboolean   material_has_note;

  GArray    *qs;             /* FdText, <faq> */
  GArray    *as;
  GPtrArray *refs;           /* char*, <matters> */
  const char *url;
} Sax;

#define GIVE_UP(error) \
  G_STMT_START { g_set_error_literal ((error), G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "fast path gave up"); return; } G_STMT_END

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

/* Text with ASCII whitespace runs collapsed to one space and trimmed, as
 * fd_xml_node_text(). */
static char *
collapse (const GString *text)
{
  char *out = g_malloc (text->len + 1);
  char *o = out;
  gboolean space = FALSE;

  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (g_ascii_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && o > out)
        *o++ = ' ';
      space = FALSE;
      *o++ = c;
    }
  *o = '\0';
  return out;
}

/* The only attribute text elements may carry that matters: xml:lang.
 * Returns FALSE for a language the fast path does not handle. */
static gboolean
text_lang (const char **names,
           const char **values,
           int         *lang)
{
  *lang = -1;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "xml:lang"))
      {
        if (g_str_equal (values[i], "en"))
          *lang = FD_LANG_EN;
        else if (g_str_equal (values[i], "ru"))
          *lang = FD_LANG_RU;
        else
          return FALSE;
      }
  return TRUE;
}

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

/* A single translatable text (<name>, <place>, material <note>...). */
static gboolean
start_single (Sax      *sax,
              FdText   *text,
              gboolean *seen,
              int       lang)
{
  if (lang < 0)
    {
      if (*seen)
        return FALSE; /* "may appear only once" */
      *seen = TRUE;
      sax->target = &text->s[FD_LANG_ZH_CN];
      sax->is_source = TRUE;
    }
  else
    {
      if (!*seen)
        return FALSE; /* translation without a source */
      sax->target = &text->s[lang];
      sax->is_source = FALSE;
    }
  return TRUE;
}

/* A repeated translatable text (<basis>, <item>, <step>, <q>, <a>). */
static gboolean
start_multi (Sax    *sax,
             GArray *array,
             int     lang)
{
  if (lang < 0)
    {
      FdText text = { { NULL } };

      g_array_append_val (array, text);
      sax->target = &g_array_index (array, FdText, array->len - 1).s[FD_LANG_ZH_CN];
      sax->is_source = TRUE;
    }
  else
    {
      if (array->len == 0)
        return FALSE;
      sax->target = &g_array_index (array, FdText, array->len - 1).s[lang];
      sax->is_source = FALSE;
    }
  return TRUE;
}

static gboolean
start_root (Sax         *sax,
            const char  *name,
            const char **names,
            const char **values)
{
  static const struct { const char *key; OldType type; } types[] = {
    { "permit", FD_GUIDE_TYPE_PERMIT }, { "confirmation", FD_GUIDE_TYPE_CONFIRMATION },
    { "registration", FD_GUIDE_TYPE_REGISTRATION }, { "payment", FD_GUIDE_TYPE_PAYMENT },
    { "public-service", FD_GUIDE_TYPE_PUBLIC_SERVICE }, { "other", FD_GUIDE_TYPE_OTHER },
  };
  OldGuide *self = sax->guide;
  const char *id = attr (names, values, "id");
  const char *category = attr (names, values, "category");
  const char *type = attr (names, values, "type");
  const char *visits = attr (names, values, "visits");
  const char *extended = attr (names, values, "extended");

  if (g_str_equal (name, "matter"))
    self->kind = FD_GUIDE_KIND_MATTER;
  else if (g_str_equal (name, "package"))
    self->kind = FD_GUIDE_KIND_PACKAGE;
  else
    return FALSE;
  if (!old_id_is_valid (id) || !old_id_is_valid (category))
    return FALSE;
  self->id = g_strdup (id);
  self->category = g_strdup (category);

  self->type = FD_GUIDE_TYPE_OTHER;
  if (type == NULL && self->kind == FD_GUIDE_KIND_MATTER)
    return FALSE;
  if (type != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (types) && !found; i++)
        if (g_str_equal (type, types[i].key))
          {
            self->type = types[i].type;
            found = TRUE;
          }
      if (!found)
        return FALSE;
    }

  self->visits = 1;
  if (visits != NULL && !parse_uint (visits, 1, &self->visits))
    return FALSE;

  if (extended != NULL)
    {
      const char *p = extended;

      while (*p != '\0')
        {
          const char *end;
          gsize len;

          while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
          end = p;
          while (*end != '\0' && *end != ' ' && *end != '\t' && *end != '\n')
            end++;
          len = end - p;
          if (len == 0)
            break;
          if (len == 7 && strncmp (p, "morning", 7) == 0)
            self->extended |= FD_EXTENDED_MORNING;
          else if (len == 7 && strncmp (p, "evening", 7) == 0)
            self->extended |= FD_EXTENDED_EVENING;
          else if (len == 8 && strncmp (p, "saturday", 8) == 0)
            self->extended |= FD_EXTENDED_SATURDAY;
          else
            return FALSE;
          p = end;
        }
    }
  return TRUE;
}

/* Elements with attributes only, read at their start. */
static gboolean
start_root_child (Sax         *sax,
                  Elem         elem,
                  const char **names,
                  const char **values)
{
  OldGuide *self = sax->guide;

  switch (elem)
    {
    case E_TIME_LIMIT:
      {
        const char *statutory = attr (names, values, "statutory");
        const char *promised = attr (names, values, "promised");

        self->has_time_limit = TRUE;
        if (!parse_uint (statutory, 3650, &self->statutory) ||
            !parse_uint (promised, 3650, &self->promised))
          return FALSE;
        if (self->statutory > 0 && self->promised > self->statutory)
          return FALSE;
        return TRUE;
      }
    case E_FEE:
      {
        const char *free_attr = attr (names, values, "free");

        self->fee_free = g_strcmp0 (free_attr, "true") == 0;
        return free_attr == NULL || self->fee_free || g_str_equal (free_attr, "false");
      }
    case E_LOCATION:
      {
        const char *windows = attr (names, values, "windows");
        guint w = 0;

        self->windows = g_strsplit_set (windows != NULL ? windows : "", " \t\n", -1);
        for (guint r = 0; self->windows[r] != NULL; r++)
          {
            if (*self->windows[r] == '\0')
              g_free (self->windows[r]);
            else
              self->windows[w++] = self->windows[r];
          }
        self->windows[w] = NULL;
        return TRUE;
      }
    case E_ONLINE:
      {
        const char *url = attr (names, values, "url");

        if (url == NULL)
          return TRUE;
        if (!(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) ||
            !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
          return FALSE;
        self->online_url = g_strdup (url);
        return TRUE;
      }
    case E_MATTERS:
      if (self->kind != FD_GUIDE_KIND_PACKAGE)
        return FALSE;
      sax->refs = g_ptr_array_new ();
      return TRUE;
    case E_FAQ:
      sax->qs = g_array_new (FALSE, TRUE, sizeof (FdText));
      sax->as = g_array_new (FALSE, TRUE, sizeof (FdText));
      return TRUE;
    default:
      return TRUE;
    }
}

static void
on_start (GMarkupParseContext  *context,
          const char           *name,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Sax *sax = user_data;
  OldGuide *self = sax->guide;
  Elem parent = sax->depth > 0 ? sax->stack[sax->depth] : E_NONE;
  Elem elem = E_NONE;
  int lang = -1;
  gboolean text = FALSE;
  gboolean ok = TRUE;

  if (sax->in_text || sax->depth >= MAX_DEPTH || sax->root_done)
    GIVE_UP (error);

  if (sax->depth == 0)
    {
      if (!start_root (sax, name, names, values))
        GIVE_UP (error);
      sax->stack[++sax->depth] = E_ROOT;
      return;
    }

  switch (parent)
    {
    case E_ROOT:
      for (Elem e = E_CODE; e < E_N_ROOT_CHILDREN; e++)
        if (g_str_equal (name, root_children[e]))
          {
            elem = e;
            break;
          }
      break;
    case E_ELIGIBILITY:
    case E_FEE:
      elem = g_str_equal (name, "item") ? E_ITEM : E_NONE;
      break;
    case E_STEPS:
      elem = g_str_equal (name, "step") ? E_STEP : E_NONE;
      break;
    case E_MATERIALS:
      elem = g_str_equal (name, "material") ? E_MATERIAL : E_NONE;
      break;
    case E_LOCATION:
      elem = g_str_equal (name, "place") ? E_PLACE : E_NONE;
      break;
    case E_ONLINE:
      elem = g_str_equal (name, "channel") ? E_CHANNEL : E_NONE;
      break;
    case E_FAQ:
      elem = g_str_equal (name, "q") ? E_Q : g_str_equal (name, "a") ? E_A : E_NONE;
      break;
    case E_MATTERS:
      elem = g_str_equal (name, "matter") ? E_MATTER_REF : E_NONE;
      break;
    case E_MATERIAL:
      elem = g_str_equal (name, "name") ? E_M_NAME : g_str_equal (name, "note") ? E_M_NOTE : E_NONE;
      break;
    default:
      break; /* children of text elements, <time-limit>, <matter ref>: unusual */
    }
  if (elem == E_NONE || !text_lang (names, values, &lang))
    GIVE_UP (error);

  /* xml:lang only on translatable text elements */
  if (lang >= 0 && (elem == E_CODE || elem == E_PHONE || (elem > E_BASIS && elem < E_N_ROOT_CHILDREN) ||
                    elem == E_MATERIAL || elem == E_MATTER_REF))
    GIVE_UP (error);

  if (parent == E_ROOT)
    {
      /* a second container or a second <code>/<phone>: the checked path
       * reads only the first; translatable texts handle repeats below */
      if (elem != E_NAME && elem != E_DEPARTMENT && elem != E_KEYWORDS && elem != E_DESCRIPTION &&
          elem != E_BASIS && (sax->seen & (1u << elem)) != 0)
        GIVE_UP (error);
    }

  switch (elem)
    {
    case E_CODE:
      sax->target = &self->code;
      sax->is_source = FALSE;
      text = TRUE;
      break;
    case E_PHONE:
      sax->target = &self->phone;
      sax->is_source = FALSE;
      text = TRUE;
      break;
    case E_NAME:
    case E_DEPARTMENT:
    case E_KEYWORDS:
    case E_DESCRIPTION:
      {
        FdText *t = elem == E_NAME ? &self->name : elem == E_DEPARTMENT ? &self->department
                    : elem == E_KEYWORDS ? &self->keywords : &self->description;
        gboolean seen = (sax->seen & (1u << elem)) != 0;

        ok = start_single (sax, t, &seen, lang);
        text = TRUE;
        break;
      }
    case E_BASIS:
      ok = start_multi (sax, self->basis, lang);
      text = TRUE;
      break;
    case E_ITEM:
      ok = start_multi (sax, parent == E_FEE ? self->fees : self->eligibility, lang);
      text = TRUE;
      break;
    case E_STEP:
      ok = start_multi (sax, self->steps, lang);
      text = TRUE;
      break;
    case E_Q:
    case E_A:
      ok = start_multi (sax, elem == E_Q ? sax->qs : sax->as, lang);
      text = TRUE;
      break;
    case E_PLACE:
    case E_CHANNEL:
      {
        gboolean seen = (elem == E_PLACE ? self->place : self->online_channel).s[FD_LANG_ZH_CN] != NULL;

        ok = start_single (sax, elem == E_PLACE ? &self->place : &self->online_channel, &seen, lang);
        text = TRUE;
        break;
      }
    case E_M_NAME:
      ok = start_single (sax, &sax->material.name, &sax->material_has_name, lang);
      text = TRUE;
      break;
    case E_M_NOTE:
      ok = start_single (sax, &sax->material.note, &sax->material_has_note, lang);
      text = TRUE;
      break;
    case E_MATERIAL:
      {
        const char *form = attr (names, values, "form");
        const char *quantity = attr (names, values, "quantity");

        memset (&sax->material, 0, sizeof sax->material);
        sax->material.quantity = 1;
        sax->material_has_name = sax->material_has_note = FALSE;
        if (form == NULL || g_str_equal (form, "original"))
          sax->material.form = FD_MATERIAL_ORIGINAL;
        else if (g_str_equal (form, "copy"))
          sax->material.form = FD_MATERIAL_COPY;
        else if (g_str_equal (form, "electronic"))
          sax->material.form = FD_MATERIAL_ELECTRONIC;
        else
          ok = FALSE;
        if (quantity != NULL && (!parse_uint (quantity, 1000, &sax->material.quantity) ||
                                 sax->material.quantity == 0))
          ok = FALSE;
        break;
      }
    case E_MATTER_REF:
      {
        const char *ref = attr (names, values, "ref");

        if (!old_id_is_valid (ref))
          ok = FALSE;
        else
          g_ptr_array_add (sax->refs, g_strdup (ref));
        break;
      }
    default:
      ok = start_root_child (sax, elem, names, values);
      break;
    }
  if (parent == E_ROOT)
    sax->seen |= 1u << elem;
  if (!ok)
    GIVE_UP (error);
  if (text)
    {
      sax->in_text = TRUE;
      g_string_truncate (sax->text, 0);
    }
  sax->stack[++sax->depth] = elem;
}

static void
on_end (GMarkupParseContext  *context,
        const char           *name,
        gpointer              user_data,
        GError              **error)
{
  Sax *sax = user_data;
  Elem elem = sax->stack[sax->depth];

  if (sax->in_text)
    {
      char *value = collapse (sax->text);

      sax->in_text = FALSE;
      if (sax->is_source && *value == '\0')
        {
          g_free (value);
          GIVE_UP (error); /* "<x> is empty" */
        }
      g_free (*sax->target);
      *sax->target = value;
    }
  else if (elem == E_MATERIAL)
    {
      if (!sax->material_has_name)
        GIVE_UP (error);
      g_array_append_val (sax->guide->materials, sax->material);
      memset (&sax->material, 0, sizeof sax->material);
    }
  sax->depth--;
  if (sax->depth == 0)
    sax->root_done = TRUE;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  Sax *sax = user_data;

  if (sax->in_text)
    g_string_append_len (sax->text, text, text_len);
}

static const GMarkupParser sax_parser = {
  on_start, on_end, on_text, NULL, NULL,
};

/* The checks the checked path makes once the whole file is read. */
static gboolean
finish (Sax *sax)
{
  OldGuide *self = sax->guide;

  if (!sax->root_done)
    return FALSE;
  if (self->name.s[FD_LANG_ZH_CN] == NULL)
    return FALSE;
  if (self->department.s[FD_LANG_ZH_CN] == NULL && self->kind == FD_GUIDE_KIND_MATTER)
    return FALSE;
  if ((sax->seen & (1u << E_MATERIALS)) == 0 || (sax->seen & (1u << E_FEE)) == 0)
    return FALSE;
  if (self->fee_free ? self->fees->len > 0 : self->fees->len == 0)
    return FALSE;
  if (sax->qs != NULL)
    {
      if (sax->qs->len != sax->as->len)
        return FALSE;
      for (guint i = 0; i < sax->qs->len; i++)
        {
          FaqEntry f = { g_array_index (sax->qs, FdText, i), g_array_index (sax->as, FdText, i) };
          g_array_append_val (self->faq, f);
        }
      g_array_set_size (sax->qs, 0);
      g_array_set_size (sax->as, 0);
    }
  if (self->kind == FD_GUIDE_KIND_PACKAGE)
    {
      if (sax->refs == NULL || sax->refs->len == 0)
        return FALSE;
      g_ptr_array_add (sax->refs, NULL);
      self->matter_refs = (char **) g_ptr_array_free (g_steal_pointer (&sax->refs), FALSE);
    }
  else
    self->matter_refs = g_new0 (char *, 1);
  if (self->windows == NULL)
    self->windows = g_new0 (char *, 1);
  old_compute_translated (self);
  return TRUE;
}

static void
clear_texts (GArray *array)
{
  if (array == NULL)
    return;
  for (guint i = 0; i < array->len; i++)
    fd_text_clear (&g_array_index (array, FdText, i));
  g_array_unref (array);
}

static OldGuide *
old_parse_fast (const char *data,
                gsize       length)
{
  OldGuide *self = old_guide_new ();
  GMarkupParseContext *context;
  Sax sax;
  gboolean ok;

  memset (&sax, 0, sizeof sax);
  sax.guide = self;
  sax.text = g_string_sized_new (256);
  context = g_markup_parse_context_new (&sax_parser, 0, &sax, NULL);
  ok = g_markup_parse_context_parse (context, data, length, NULL) &&
       g_markup_parse_context_end_parse (context, NULL) &&
       finish (&sax);
  g_markup_parse_context_free (context);

  g_string_free (sax.text, TRUE);
  old_clear_material (&sax.material);
  clear_texts (sax.qs);
  clear_texts (sax.as);
  if (sax.refs != NULL)
    {
      g_ptr_array_set_free_func (sax.refs, g_free);
      g_ptr_array_unref (sax.refs);
    }
  if (!ok)
    {
      old_guide_free (self);
      return NULL;
    }
  return self;
}

gboolean
bench_old_load_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  OldGuide *guide;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  guide = old_parse_fast (data, length);
  if (guide == NULL)
    return FALSE;
  old_guide_free (guide);
  return TRUE;
}
