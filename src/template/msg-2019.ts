import type { Template } from './schema.js';
/**
 * The 2019 MSG self-evaluation template ("Self-evaluation for the Review of Progress with
 * Integration of Health and Social Care", March 2019).
 *
 * Titles and key features from the MSG review's 25 proposals; indicator descriptors
 * transcribed from the completed Glasgow City return (IJB paper, 18 September 2019).
 * That text was extracted from a PDF, so some cells were garbled or cut: see the notes
 * beside each reconstruction.
 */
export const MSG_2019 = {
  id: 'msg-2019',
  title: 'MSG review of progress with integration of health and social care: self-evaluation (2019)',
  scale: [
    { level: 1, label: 'Not yet established' },
    { level: 2, label: 'Partly established' },
    { level: 3, label: 'Established' },
    { level: 4, label: 'Exemplary' },
  ],
  keyFeatures: [
    { number: 1, title: 'Collaborative leadership and building relationships' },
    { number: 2, title: 'Integrated finances and financial planning' },
    { number: 3, title: 'Effective strategic planning for improvement' },
    { number: 4, title: 'Governance and accountability arrangements' },
    { number: 5, title: 'Ability and willingness to share information' },
    { number: 6, title: 'Meaningful and sustained engagement' },
  ],
  proposals: [
    {
      id: '1.1',
      keyFeature: 1,
      title: 'All leadership development will be focused on shared and collaborative practice.',
      localCompletion: true,
      descriptors: [
        // de-interleaved from seed line 140; the one "strategic" could also open this cell ("strategic support for"): given to Exemplary
        'Lack of clear leadership and support for integration.',
        // de-interleaved from seed line 140
        'Leadership is developing to support integration.',
        // de-interleaved from seed line 140
        'Leadership in place has had the ability to drive change with collaboration evident in a number of key areas. Some shared learning and collaborative practice in place.',
        // de-interleaved from seed line 140; OCR "in place. supported" taken as a comma; "strategic commissioning": see 1st cell
        'Clear collaborative leadership is in place, supported by a range of services including HR, finance, legal advice, improvement and strategic commissioning. All opportunities for shared learning across partners in and across local systems are fully taken up resulting in a clear culture of collaborative practice.',
      ],
    },
    {
      id: '1.2',
      keyFeature: 1,
      title: 'Relationships and collaborative working between partners must improve.',
      localCompletion: true,
      descriptors: [
        "Lack of trust and understanding of each other's working practices and business pressures between partners.",
        "Statutory partners are developing trust and understanding of each other's working practices and business pressures.",
        "Statutory partners and other partners have a clear understanding of each other's working practices and business pressures – and are working more collaboratively together.",
        "Partners have a clear understanding of each other's working practices and business pressures and can identify and manage differences and tensions. Partners work collaboratively towards achieving shared outcomes. There is a positive and trusting relationship between statutory partners clearly manifested in all that they do.",
      ],
    },
    {
      id: '1.3',
      keyFeature: 1,
      title: 'Relationships and partnership working with the third and independent sectors must improve.',
      localCompletion: true,
      descriptors: [
        'Lack of engagement with third and independent sectors.',
        'Some engagement with the third and independent sectors.',
        'Third and independent sectors routinely engaged in a range of activity and recognised as key partners.',
        'Third and independent sectors fully involved as partners in all strategic planning and commissioning activity focused on achieving best outcomes for people. Their contribution is actively sought and is highly valued by the IJB. They are well represented on a range of groups and involved in all activities of the IJB.',
      ],
    },
    {
      id: '2.1',
      keyFeature: 2,
      title: 'Health Boards, Local Authorities and IJBs should have a joint understanding of their respective financial positions as they relate to integration.',
      localCompletion: true,
      descriptors: [
        "Lack of consolidated advice on the financial position of statutory partners' shared interests under integration.",
        "Working towards providing consolidated advice on the financial position of statutory partners' shared interests under integration.",
        'Consolidated advice on the financial position on shared interests under integration is provided to the NHS/LA Chief Executive and IJB Chief Officer from corresponding financial officers when considering the service impact of decisions.',
        'Fully consolidated advice on the financial position on shared interests under integration is provided to the NHS/LA Chief Executive and IJB Chief Officer from corresponding financial officers when considering the service impact of decisions. Improved longer term financial planning on a whole system basis is in place.',
      ],
    },
    {
      id: '2.2',
      keyFeature: 2,
      title: 'Delegated budgets for IJBs must be agreed timeously.',
      localCompletion: true,
      descriptors: [
        'Lack of clear financial planning and ability to agree budgets by end of March each year.',
        'Medium term financial planning is in place and working towards delegated budgets being agreed by the Health Board, Local Authority and IJB by end of March each year.',
        'Medium term financial and scenario planning in place and all delegated budgets are agreed by the Health Board, Local Authority and IJB by end of March each year.',
        'Medium to long term financial and scenario planning is fully in place and all delegated budgets are agreed by the Health Board, Local Authority and IJB as part of aligned budget setting processes. Relevant information is shared across partners throughout the year to inform key budget discussions and budget setting processes. There is transparency in budget setting and reporting across the IJB, Health Board and Local Authority.',
      ],
    },
    {
      id: '2.3',
      keyFeature: 2,
      title: 'Delegated hospital budgets and set aside requirements must be fully implemented.',
      localCompletion: true,
      descriptors: [
        'Currently have no plan to allow partners to fully implement the delegated hospital budget and set aside budget requirements.',
        'Working towards developing plans to allow all partners to fully implement the delegated hospital budget and set aside budget requirements, in line with legislation and statutory guidance, to enable budget planning for 2019/20.',
        'Set aside arrangements are in place with all partners implementing the delegated hospital budget and set aside budget requirements. The six steps for establishing hospital budgets, as set out in statutory guidance, are fully implemented.',
        'Fully implemented and effective arrangements for the delegated hospital budget and set aside budget requirements, in line with legislation and statutory guidance. The set aside budget is being fully taken into account in whole system planning and best use of resources.',
      ],
    },
    {
      id: '2.4',
      keyFeature: 2,
      title: 'Each IJB must develop a transparent and prudent reserves policy.',
      localCompletion: true,
      descriptors: [
        'There is no reserves policy in place for the IJB and partners are unable to identify reserves easily. Reserves are allowed to build up unnecessarily.',
        'A reserves policy is under development to identify reserves and hold them against planned spend. Timescales for the use of reserves to be agreed.',
        'A reserves policy is in place to identify reserves and hold them against planned spend. Clear timescales for the use of reserves are agreed, and adhered too.',
        "A clear reserves policy for the IJB is in place to identify reserves and hold them against planned spend and contingencies. Timescales for the use of reserves are agreed. Reserves are not allowed to build up unnecessarily. Reserves are used prudently and to best effect to support full implementation the IJB's strategic commissioning plan.",
      ],
    },
    {
      id: '2.5',
      keyFeature: 2,
      title: 'Statutory partners must ensure appropriate support is provided to IJB S95 Officers.',
      localCompletion: true,
      descriptors: [
        'IJB S95 Officer currently unable to provide high quality advice to the IJB due to a lack of support from staff and resources from the Health Board and Local Authority.',
        'Developments underway to better enable IJB S95 Officer to provide good quality advice to the IJB, with support from staff and resources from the Health Board and Local Authority ensuring conflicts of interest are avoided.',
        'IJB S95 Officer provides high quality advice to the IJB, fully supported by staff and resources from the Health Board and Local Authority and conflicts of interest are avoided. Strategic and operational finance functions are undertaken by the IJB S95 Officer. A regular year-in-year reporting and forecasting process is in place.',
        'IJB S95 Officer provides excellent advice to the IJB and Chief Officer. This is fully supported by staff and resources from the Health Board and Local Authority who report directly to the IJB S95 Officer on financial matters. All strategic and operational finance functions are integrated under the IJB S95 Officer. All conflicts of interest are avoided.',
      ],
    },
    {
      id: '2.6',
      keyFeature: 2,
      title: 'IJBs must be empowered to use the totality of resources at their disposal to better meet the needs of their local populations.',
      localCompletion: true,
      descriptors: [
        'Total delegated resources are not defined for use by the IJB. Decisions about resources may be taken elsewhere and ratified by the IJB.',
        'Total delegated resources have been brought together in an aligned budget but are routinely treated and used as separate health and social care budgets. The totality of the budget is not recognised nor effectively deployed.',
        'Total delegated resources are effectively deployed as a single budget and their use is reflected in directions from the IJB to the Health Board and Local Authority.',
        "Total delegated resources are effectively deployed as a single budget and their use is reflected in directions from the IJB to the Health Board and Local Authority. The IJB's strategic commissioning plan and directions reflect its commitment to ensuring that the original identity of funds loses its identity to best meet the needs of its population. Whole system planning takes account of opportunities to invest in sustainable community services.",
      ],
    },
    {
      id: '3.1',
      keyFeature: 3,
      title: 'Statutory partners must ensure that Chief Officers are effectively supported and empowered to act on behalf of the IJB.',
      localCompletion: true,
      descriptors: [
        "Lack of recognition of and support for the Chief Officer's role in providing leadership.",
        'The Chief Officer is not fully recognised as pivotal in providing leadership. Health Board and Local Authority partners could do more to provide necessary staff and resources to support Chief Officers and their senior team.',
        'The Chief Officer is recognised as pivotal in providing leadership and is recruited, valued and accorded due status by statutory partners. Health Board and Local Authority partners provide necessary resources to support the Chief Officer and their senior team fulfil the range of responsibilities',
        'The Chief Officer is entirely empowered to act and is recognised as pivotal in providing leadership at a senior level. The Chief Officer is a highly valued leader and accorded due status by statutory partners, the IJB, and all other key partners. There is a clear and shared understanding of the capacity and capability of the Chief Officer and their senior team, which is well resourced and high functioning.',
      ],
    },
    {
      id: '3.2',
      keyFeature: 3,
      title: 'Improved strategic inspection of health and social care is developed to better reflect integration.',
      localCompletion: false,
      descriptors: [], // national proposal: the seed's Indicator row is empty
    },
    {
      id: '3.3',
      keyFeature: 3,
      title: 'National improvement bodies must work more collaboratively and deliver the improvement support partnerships require to make integration work.',
      localCompletion: false,
      descriptors: [], // national proposal: the seed's Indicator row is empty
    },
    {
      id: '3.4',
      keyFeature: 3,
      title: 'Improved strategic planning and commissioning arrangements must be put in place.',
      localCompletion: true,
      descriptors: [], // unknown: the seed has no 3.4 section; the reader identifies 3.4 by its heading and title
    },
    {
      id: '3.5',
      keyFeature: 3,
      title: 'Improved capacity for strategic commissioning of delegated hospital services must be in place.',
      localCompletion: true,
      descriptors: [
        // de-interleaved from seed line 288; OCR "quidance" fixed
        'No plans are in place or practical action taken to ensure delegated hospital budget and set aside arrangements are in place according to the requirements of the statutory guidance.',
        // de-interleaved from seed line 288
        'Work is ongoing to ensure delegated hospital budgets and set aside arrangements form part of strategic commissioning.',
        // de-interleaved from seed line 288; "Plans are developed ..." is this column's: the flat text has it before Exemplary's "challenges and opportunities."
        'Delegated hospital budget and set aside arrangements are fully in place and form part of routine strategic commissioning and financial planning arrangements. Plans are developed from existing capacity and service plans, with a focus on planning delegated hospital capacity requirements with close working with acute sector and other partnership areas using the same hospitals.',
        // de-interleaved from seed line 288; "awareness across of pressure" is as printed (words probably missing in the source)
        'Delegated hospital budget and set aside arrangements are fully integrated into routine strategic commissioning and financial planning arrangements. There is full alignment of budgets. There is effective whole system planning in place with a high awareness across of pressure, challenges and opportunities.',
      ],
    },
    {
      id: '4.1',
      keyFeature: 4,
      title: 'The understanding of accountabilities and responsibilities between statutory partners must improve.',
      localCompletion: true,
      descriptors: [
        'No clear governance structure in place, lack of clarity around who is responsible for service performance, and quality of care.',
        'Partners are working together to better understand the governance arrangements under integration to better understand the accountability and responsibilities of all partners.',
        'Clear understanding of accountability and responsibility arrangements across statutory partners. Decisions about the planning and strategic commissioning of delegated health and social care functions sit with the IJB.',
        // repaired: the last words ("functions and statutory partners ... accountabilities.") spill into the next row of the seed (its stray "partiters." is ignored)
        'Clear understanding of accountability and responsibility arrangements and arrangements are in place to ensure these are reflected in local structures. Decisions about the planning and strategic commissioning of delegated functions sit wholly with the IJB and it is making positive and sustainable decisions about changing the shape of care in its localities. The IJB takes full responsibility for all delegated functions and statutory partners are clear about their own accountabilities.',
      ],
    },
    {
      id: '4.2',
      keyFeature: 4,
      title: 'Accountability processes across statutory partners will be streamlined.',
      localCompletion: true,
      descriptors: [
        'Accountability processes unclear, with different rules being applied across the system.',
        'Accountability processes being scoped and opportunities identified for better alignment.',
        'Accountability processes are scoped for better alignment, with a focus on fully supporting integration and transparent public reporting.',
        'Fully transparent and aligned public reporting is in place across the IJB, Health Board and Local Authority.',
      ],
    },
    {
      id: '4.3',
      keyFeature: 4,
      title: 'IJB chairs must be better supported to facilitate well run Boards capable of making effective decisions on a collective basis.',
      localCompletion: true,
      descriptors: [
        'IJB lacks support and unable to make effective decisions.',
        'IJB is supported to make effective decisions but more support is needed for the Chair.',
        'The IJB Chair is well supported, and has an open and inclusive approach to decision making, in line with statutory requirements and is seeking to maximise input of key partners.',
        'The IJB Chair and all members are fully supported in their roles, and have an open and inclusive approach to decision making, going beyond statutory requirements. There are regular development sessions for the IJB on variety of topics and a good quality induction programme is in place for new members. The IJB has a clear understanding of its authority, decision making powers and responsibilities.',
      ],
    },
    {
      id: '4.4',
      keyFeature: 4,
      title: 'Clear directions must be provided by IJBs to Health Boards and Local Authorities.',
      localCompletion: true,
      descriptors: [
        'No directions have been issued by the IJB.',
        'Work is ongoing to improve the direction issuing process and some are issued at the time of budget making but these are high level, do not direct change and lack detail.',
        'Directions are issued at the end of a decision making process involving statutory partners. Clear directions are issued for all decisions made by the IJB, are focused on change, and take full account of financial implications.',
        'Directions are issued regularly and at the end of a decision making process, involving all partners. There is clarity about what is expected from Health Boards and Local Authorities in their delivery capacity, and they provide information to the IJB on performance, including any issues. Accountability and responsibilities are fully transparent and respected. Directions made to the Health Board in a multi-partnership area are planned on an integrated basis to ensure coherence and take account of the whole system.',
      ],
    },
    {
      id: '4.5',
      keyFeature: 4,
      title: 'Effective, coherent and joined up clinical and care governance arrangements must be in place.',
      localCompletion: true,
      descriptors: [
        'There is a lack of understanding of the key role clinical and professional leadership plays in supporting safe and appropriate decision making is not well understood. Necessary clinical and care governance arrangements are not well established.',
        'There is partial understanding of the key role clinical and professional leadership plays in supporting safe and appropriate decision making. Arrangements for clinical and care governance are not clear',
        'The key role clinical and professional leadership plays in supporting safe and appropriate decision making is fully understood. There are fully integrated arrangements in place for clinical and care governance.',
        // not known: the seed's Indicator row has no Exemplary text for 4.5 (cell empty)
        '',
      ],
    },
    {
      id: '5.1',
      keyFeature: 5,
      title: 'IJB annual performance reports will be benchmarked by Chief Officers to allow them to better understand their local performance data.',
      localCompletion: true,
      descriptors: [
        'Work is required to further develop Integration Authority annual reports to improve consistency in reporting, better reflect progress and challenges in local systems, and ensure all statutory required information is reported on by July 2019.',
        'Work is ongoing to further develop Integration Authority annual reports to improve consistency in reporting, better reflect progress and challenges in local systems, and ensure all statutory required information is reported on, by July 2019.',
        'Integration Authority annual reports are well developed to reflect progress and challenges in local systems, and ensure all statutory required information is reported on, by July 2019. Some benchmarking is underway and assisting consistency and presentation of annual reports.',
        'Integration Authority annual reports are well developed to reflect progress and challenges in local systems, to ensure public accessibility, and to support public understanding of integration and demonstrate its impact. The annual report well exceeds statutory required information is reported on. Reports are consistently well presented and provide information in an informative, accessible and readable format for the public.',
      ],
    },
    {
      id: '5.2',
      keyFeature: 5,
      title: 'Identifying and implementing good practice will be systematically undertaken by all partnerships.',
      localCompletion: true,
      descriptors: [
        'Work is required to improve the Integration Authority annual report to identify, share and use examples of good practice and lessons learned from things that have not worked.',
        'Work is about to commence on development of the annual report to enable other partnerships to identify and use examples of good practice. Better use could be made of inspection findings to identify and share good practice.',
        'The Integration Authority annual report is presented in a way that readily enables other partnerships to identify, share and use examples of good practice and lessons learned from things that have not worked. Inspection findings are routinely used to identify and share good practice.',
        "Annual reports are used by the Integration Authority to identify and implement good practice and lessons are learned from things that have not worked. The IJB's annual report is well developed to ensure other partnerships can easily identify and good practice. Inspection findings and reports from strategic inspections and service inspections are always used to identify and share good practice. All opportunities are taken to collaborate and learn from others on a systematic basis and good practice is routinely adapted and implemented.",
      ],
    },
    {
      id: '5.3',
      keyFeature: 5,
      title: 'A framework for community based health and social care integrated services will be developed.',
      localCompletion: false,
      descriptors: [], // national proposal: the seed's Indicator row is empty
    },
    {
      id: '6.1',
      keyFeature: 6,
      title: 'Effective approaches for community engagement and participation must be put in place for integration.',
      localCompletion: true,
      descriptors: [
        'There is a lack of engagement with local communities around integration.',
        'Engagement is usually carried out when a service change is proposed.',
        'Engagement is always carried out when a service change, redesign or development is proposed.',
        // repaired: taken from the overprinted Rating/Indicator cells (seed lines 369-370), dropping the overprint; "no just" fixed to "not just"; no full stop after "proposed" in the seed
        'Meaningful engagement is an ongoing process, not just undertaken when service change is proposed Local communities have the opportunity to contribute meaningfully to locality plans and are engaged in the process of determining local priorities.',
      ],
    },
    {
      id: '6.2',
      keyFeature: 6,
      title: 'Improved understanding of effective working relationships with carers, people using services and local communities is required.',
      localCompletion: true,
      descriptors: [
        // de-interleaved from seed line 380; OCR "users. carers" read as a comma
        'Work is required to improve effective working relationships with service users, carers and communities.',
        // de-interleaved from seed line 380; OCR "users. carers" read as a comma
        'Work is ongoing to improve effective working relationships with service users, carers and communities. There is some focus on improving and learning from best practice to improve engagement.',
        // de-interleaved from seed line 380
        'Meaningful and sustained engagement with service users, carers and communities is in place. There is a good focus on improving and learning from best practice to maximise engagement and build effective working relationships.',
        // de-interleaved from seed line 380
        'Meaningful and sustained engagement with service users, carers and communities is in place. This is given high priority by the IJB. There is a relentless focus on improving and implementing best practice to maximise engagement. There are well established and recognised effective working relationships that ensure excellent working relationships.',
      ],
    },
    {
      id: '6.3',
      keyFeature: 6,
      title: 'We will support carers and representatives of people using services better to enable their full involvement in integration.',
      localCompletion: true,
      descriptors: [
        'Work is required to improve involvement of carers and representatives using services.',
        'Work is ongoing to improve involvement of carers and representatives using services.',
        'Carers and representatives on the IJB are supported by the partnership, enabling engagement. Information is shared to allow engagement with other carers and service users in responding to issues raised.',
        // repaired: the last words ("involvement is fully optimised.") spill into the Our Rating row of the seed
        'Carers and representatives of people using services on the IJB, strategic planning group and locality groups are fully supported by the partnership, enabling full participation in IJB and other meetings and activities. Information and papers are shared well in advance to allow engagement with other carers and service users in responding to issues raised. Carers and representatives of people using services input and involvement is fully optimised.',
      ],
    },
  ],
} satisfies Template;
