import sys, time
from fdatspi import App, walk, role_name, find, action_names, states
from gi.repository import Atspi
app = App(sys.argv[1], sys.argv[2:])
win = find(app.node, role="frame")
time.sleep(1)
for n in walk(win):
    if role_name(n) in ("page tab","heading","push button","toggle button"):
        c = n.get_component_iface()
        e = c.get_extents(Atspi.CoordType.WINDOW) if c else None
        print(role_name(n), repr(n.get_name()), e and (e.x, e.y, e.width, e.height))
app.quit()
