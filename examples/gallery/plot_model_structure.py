"""
The stocks and flows of the binational model
=============================================

The diagram is drawn from the model's own declarations (:func:`sdmig.model.border.build_model`),
so it cannot drift from the equations: every box is a people stock, every arrow a flow
between two stocks or across the model's boundary (a cloud), labelled with the flow's name.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from sdmig.model.border import build_model

model = build_model()
people = {v.name for v in model.of_kind("stock") if v.units == "people"}
flows = [
    v
    for v in model.of_kind("flow")
    if (v.source in people or v.target in people)
    and (v.source in people or v.source is None)
    and (v.target in people or v.target is None)
]

# %%
# Positions follow a migrant's path: departure, transit through Mexico, waiting in a
# Mexican border city, then one of the outcomes.
place = {
    "origin": (0.0, 2.0),
    "in_transit": (2.2, 2.0),
    "returned_by_mexico": (2.2, 3.6),
    "settled_in_mexico": (2.2, 0.4),
    "waiting": (4.6, 2.0),
    "legal_entries": (7.2, 4.4),
    "evaded_in_us": (7.2, 3.3),
    "released_in_us": (7.2, 2.4),
    "removed": (7.2, 1.5),
    "returned_home": (7.2, 0.6),
    "dead": (7.2, -0.3),
}
missing = people - set(place)
assert not missing, f"place the new stocks {sorted(missing)} in the diagram"

fig, ax = plt.subplots(figsize=(10, 6))
for name, (x, y) in place.items():
    label = "departure\n(boundary)" if name == "origin" else name.replace("_", " ")
    ax.add_patch(
        FancyBboxPatch(
            (x - 0.7, y - 0.22),
            1.4,
            0.44,
            boxstyle="round,pad=0.04",
            facecolor="#dbe9f6" if name != "origin" else "white",
            edgecolor="#2b5c8a",
            linestyle="-" if name != "origin" else "--",
        )
    )
    ax.text(x, y, label, ha="center", va="center", fontsize=8)

# one arrow per pair of stocks, labelled with every flow between them
pairs: dict[tuple, list[str]] = {}
for f in flows:
    pairs.setdefault((f.source or "origin", f.target or "origin"), []).append(f.name)
for (source, target), names in pairs.items():
    (ax0, ay0), (bx, by) = place[source], place[target]
    if bx > ax0:  # left to right: leave the right edge, enter the left edge
        start_xy, end_xy = (ax0 + 0.74, ay0), (bx - 0.74, by)
    else:  # vertical
        sign = 1 if by > ay0 else -1
        start_xy, end_xy = (ax0, ay0 + sign * 0.26), (bx, by - sign * 0.26)
    ax.add_patch(
        FancyArrowPatch(start_xy, end_xy, arrowstyle="-|>", mutation_scale=12, color="#555555")
    )
    mx = start_xy[0] + 0.4 * (end_xy[0] - start_xy[0])
    my = start_xy[1] + 0.4 * (end_xy[1] - start_xy[1])
    ax.text(
        mx,
        my + 0.06,
        ", ".join(n.replace("_", " ") for n in names),
        fontsize=7,
        ha="center",
        va="bottom",
        color="#333333",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8},
    )

ax.set_xlim(-1, 8.2)
ax.set_ylim(-0.9, 5.0)
ax.set_axis_off()
ax.set_title("People stocks (boxes) and the flows between them (arrows)")
fig.tight_layout()

# %%
# Every person who departs sits in exactly one of these stocks at any time, so the model
# checks its own accounts: :func:`sdmig.model.border.people_account` is zero up to round-off.
print(f"{len(people)} people stocks, {len(flows)} flows between them or across the boundary")
