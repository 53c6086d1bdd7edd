import { md } from "./fixture.ts";

/** A group's file: its fields (YAML lines) after a date and a contact every group needs. */
const group = (fields: string) =>
  md(`date: 2024-01-01\ncontact: mailto:group@example.org\n${fields}`, "What the group does.");

/** Three UK groups (an active town link with a partner, a school seeking one, a dormant twinning) and a Palestinian community seeking a partner. */
export const GROUPS = {
  "groups/bristol.md": group(
    "name: Bristol link\nkind: town-link\nplace: Bristol\nregion: south-west\nlat: 51.45\nlon: -2.59\nstatus: active\nsince: 2012\npartner:\n  place: Beit Sahour\n  governorate: Bethlehem\n  lat: 31.70\n  lon: 35.23",
  ),
  "groups/bath-school.md": group(
    "name: Bath school link\nkind: school\nplace: Bath\nregion: south-west\nlat: 51.38\nlon: -2.36\nstatus: seeking-partner",
  ),
  "groups/norwich.md": group(
    "name: Norwich twinning\nkind: town-link\nplace: Norwich\nregion: east\nlat: 52.63\nlon: 1.30\nstatus: dormant\nformal: true\npartner:\n  place: Hebron\n  governorate: Hebron\n  lat: 31.53\n  lon: 35.10",
  ),
  "groups/seeking/camp.md": md(
    "name: A refugee camp\ndate: 2024-01-01\ngovernorate: Bethlehem\nlat: 31.72\nlon: 35.20\ncontact: https://network.example.org/",
    "Asked the network for a partner.",
  ),
};
