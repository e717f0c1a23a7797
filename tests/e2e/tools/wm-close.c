/* Asks a top-level X window to close the way a window manager's close button does: a
 * WM_PROTOCOLS client message carrying WM_DELETE_WINDOW. Under Xvfb there is no window manager,
 * and WebDriver's "close window" destroys the web view without asking the app, so the e2e test
 * uses this to exercise the app's "unsaved changes" question.
 *
 * usage: wm-close TITLE-SUBSTRING    exit 0 when a message was sent (to every window whose title
 * holds it), 1 when no window matched. */
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int title_matches(Display *d, Window w, Atom net_wm_name, Atom utf8, const char *want) {
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *name = NULL;
  int found = 0;
  if (XGetWindowProperty(d, w, net_wm_name, 0, 1024, False, utf8, &type, &format, &n, &after,
                         &name) == Success && name) {
    found = strstr((char *)name, want) != NULL;
    XFree(name);
  }
  if (!found) {
    char *plain = NULL;
    if (XFetchName(d, w, &plain) && plain) {
      found = strstr(plain, want) != NULL;
      XFree(plain);
    }
  }
  return found;
}

/* A window of an earlier test may be destroyed between listing the windows and reading its
 * title (Xlib's default handler would then exit): such a window is not the one to close. */
static int skip_vanished(Display *d, XErrorEvent *e) {
  if (e->error_code == BadWindow) return 0;
  char text[256];
  XGetErrorText(d, e->error_code, text, sizeof text);
  fprintf(stderr, "wm-close: %s\n", text);
  exit(2);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: wm-close TITLE-SUBSTRING\n");
    return 2;
  }
  Display *d = XOpenDisplay(NULL);
  if (!d) {
    fprintf(stderr, "wm-close: cannot open the display\n");
    return 2;
  }
  XSetErrorHandler(skip_vanished);
  Atom protocols = XInternAtom(d, "WM_PROTOCOLS", False);
  Atom del = XInternAtom(d, "WM_DELETE_WINDOW", False);
  Atom net_wm_name = XInternAtom(d, "_NET_WM_NAME", False);
  Atom utf8 = XInternAtom(d, "UTF8_STRING", False);
  Window root_return, parent, *children = NULL;
  unsigned int count = 0;
  int sent = 0;
  if (XQueryTree(d, DefaultRootWindow(d), &root_return, &parent, &children, &count)) {
    /* Every match: a window of an earlier test may still be closing under the same title. */
    for (unsigned int i = 0; i < count; i++) {
      if (!title_matches(d, children[i], net_wm_name, utf8, argv[1])) continue;
      XEvent e;
      memset(&e, 0, sizeof e);
      e.xclient.type = ClientMessage;
      e.xclient.window = children[i];
      e.xclient.message_type = protocols;
      e.xclient.format = 32;
      e.xclient.data.l[0] = (long)del;
      e.xclient.data.l[1] = CurrentTime;
      XSendEvent(d, children[i], False, NoEventMask, &e);
      sent += 1;
    }
    if (children) XFree(children);
  }
  XFlush(d);
  XCloseDisplay(d);
  return sent ? 0 : 1;
}
