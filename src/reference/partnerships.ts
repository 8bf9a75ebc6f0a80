/**
 * The 31 Integration Authorities under their canonical names (the spelling every
 * output uses), the NHS Board area each sits in, its council(s), its model, and
 * other names returns are known to use. Transcribed from the project's reference
 * list; `--aliases FILE` adds names without a release.
 */
export type PartnershipInfo = {
  readonly name: string;
  readonly healthBoard: string;
  readonly councils: readonly string[];
  readonly model: 'IJB' | 'Lead agency';
  readonly otherNames: readonly string[];
};

export const PARTNERSHIPS: readonly PartnershipInfo[] = [
  { name: 'Aberdeen City', healthBoard: 'NHS Grampian', councils: ['Aberdeen City Council'], model: 'IJB', otherNames: ['Aberdeen City HSCP', 'Aberdeen City Health and Social Care Partnership'] },
  { name: 'Aberdeenshire', healthBoard: 'NHS Grampian', councils: ['Aberdeenshire Council'], model: 'IJB', otherNames: ['Aberdeenshire HSCP'] },
  { name: 'Angus', healthBoard: 'NHS Tayside', councils: ['Angus Council'], model: 'IJB', otherNames: ['Angus HSCP'] },
  { name: 'Argyll and Bute', healthBoard: 'NHS Highland', councils: ['Argyll and Bute Council'], model: 'IJB', otherNames: ['Argyll & Bute HSCP'] },
  { name: 'Clackmannanshire and Stirling', healthBoard: 'NHS Forth Valley', councils: ['Clackmannanshire Council', 'Stirling Council'], model: 'IJB', otherNames: ['Clackmannanshire & Stirling HSCP', 'Clacks and Stirling'] },
  { name: 'Dumfries and Galloway', healthBoard: 'NHS Dumfries and Galloway', councils: ['Dumfries and Galloway Council'], model: 'IJB', otherNames: ['Dumfries & Galloway HSCP', 'D&G'] },
  { name: 'Dundee City', healthBoard: 'NHS Tayside', councils: ['Dundee City Council'], model: 'IJB', otherNames: ['Dundee HSCP', 'Dundee Health and Social Care Partnership'] },
  { name: 'East Ayrshire', healthBoard: 'NHS Ayrshire and Arran', councils: ['East Ayrshire Council'], model: 'IJB', otherNames: ['East Ayrshire HSCP'] },
  { name: 'East Dunbartonshire', healthBoard: 'NHS Greater Glasgow and Clyde', councils: ['East Dunbartonshire Council'], model: 'IJB', otherNames: ['East Dunbartonshire HSCP'] },
  { name: 'East Lothian', healthBoard: 'NHS Lothian', councils: ['East Lothian Council'], model: 'IJB', otherNames: ['East Lothian HSCP'] },
  { name: 'East Renfrewshire', healthBoard: 'NHS Greater Glasgow and Clyde', councils: ['East Renfrewshire Council'], model: 'IJB', otherNames: ['East Renfrewshire HSCP'] },
  { name: 'Edinburgh', healthBoard: 'NHS Lothian', councils: ['City of Edinburgh Council'], model: 'IJB', otherNames: ['City of Edinburgh', 'Edinburgh HSCP', 'Edinburgh Health and Social Care Partnership'] },
  { name: 'Falkirk', healthBoard: 'NHS Forth Valley', councils: ['Falkirk Council'], model: 'IJB', otherNames: ['Falkirk HSCP'] },
  { name: 'Fife', healthBoard: 'NHS Fife', councils: ['Fife Council'], model: 'IJB', otherNames: ['Fife HSCP'] },
  { name: 'Glasgow City', healthBoard: 'NHS Greater Glasgow and Clyde', councils: ['Glasgow City Council'], model: 'IJB', otherNames: ['Glasgow City HSCP', 'Glasgow'] },
  { name: 'Highland', healthBoard: 'NHS Highland', councils: ['The Highland Council'], model: 'Lead agency', otherNames: ['The Highland Council', 'NHS Highland / The Highland Council', 'Highland Partnership', 'Highland HSCP'] },
  { name: 'Inverclyde', healthBoard: 'NHS Greater Glasgow and Clyde', councils: ['Inverclyde Council'], model: 'IJB', otherNames: ['Inverclyde HSCP'] },
  { name: 'Midlothian', healthBoard: 'NHS Lothian', councils: ['Midlothian Council'], model: 'IJB', otherNames: ['Midlothian HSCP'] },
  { name: 'Moray', healthBoard: 'NHS Grampian', councils: ['Moray Council'], model: 'IJB', otherNames: ['Moray HSCP', 'Health and Social Care Moray'] },
  { name: 'North Ayrshire', healthBoard: 'NHS Ayrshire and Arran', councils: ['North Ayrshire Council'], model: 'IJB', otherNames: ['North Ayrshire HSCP'] },
  { name: 'North Lanarkshire', healthBoard: 'NHS Lanarkshire', councils: ['North Lanarkshire Council'], model: 'IJB', otherNames: ['North Lanarkshire HSCP'] },
  { name: 'Orkney Islands', healthBoard: 'NHS Orkney', councils: ['Orkney Islands Council'], model: 'IJB', otherNames: ['Orkney', 'Orkney HSCP'] },
  { name: 'Perth and Kinross', healthBoard: 'NHS Tayside', councils: ['Perth and Kinross Council'], model: 'IJB', otherNames: ['Perth & Kinross HSCP', 'P&K'] },
  { name: 'Renfrewshire', healthBoard: 'NHS Greater Glasgow and Clyde', councils: ['Renfrewshire Council'], model: 'IJB', otherNames: ['Renfrewshire HSCP'] },
  { name: 'Scottish Borders', healthBoard: 'NHS Borders', councils: ['Scottish Borders Council'], model: 'IJB', otherNames: ['Borders', 'Scottish Borders HSCP'] },
  { name: 'Shetland Islands', healthBoard: 'NHS Shetland', councils: ['Shetland Islands Council'], model: 'IJB', otherNames: ['Shetland', 'Shetland HSCP'] },
  { name: 'South Ayrshire', healthBoard: 'NHS Ayrshire and Arran', councils: ['South Ayrshire Council'], model: 'IJB', otherNames: ['South Ayrshire HSCP'] },
  { name: 'South Lanarkshire', healthBoard: 'NHS Lanarkshire', councils: ['South Lanarkshire Council'], model: 'IJB', otherNames: ['South Lanarkshire HSCP'] },
  { name: 'West Dunbartonshire', healthBoard: 'NHS Greater Glasgow and Clyde', councils: ['West Dunbartonshire Council'], model: 'IJB', otherNames: ['West Dunbartonshire HSCP'] },
  { name: 'West Lothian', healthBoard: 'NHS Lothian', councils: ['West Lothian Council'], model: 'IJB', otherNames: ['West Lothian HSCP'] },
  { name: 'Western Isles', healthBoard: 'NHS Western Isles', councils: ['Comhairle nan Eilean Siar'], model: 'IJB', otherNames: ['Comhairle nan Eilean Siar', 'Eilean Siar', 'Western Isles HSCP'] },
];

/** The distinct NHS Board names, which never identify a partnership on their own. */
export const HEALTH_BOARDS: readonly string[] = [...new Set(PARTNERSHIPS.map((p) => p.healthBoard))].sort();
