import { agent, customer, type DemoTenantData, note, supervisor, system } from "./types";

// Northwind Outfitters: an outdoor-gear web store. Customers write about orders, returns, refunds,
// shipping, damaged goods, sizes, discount codes and their accounts.

export const northwind: DemoTenantData = {
  tenant: { slug: "northwind", name: "Northwind Outfitters", industry: "retail" },
  orders: [
    {
      number: "NW-45530",
      customer: "chloe.martin@example.com",
      status: "delivered",
      total: 129.0,
      currency: "USD",
      placedDaysAgo: 120,
    },
    {
      number: "NW-46112",
      customer: "rahul.mehta@example.org",
      status: "delivered",
      total: 58.0,
      currency: "USD",
      placedDaysAgo: 95,
    },
    {
      number: "NW-47102",
      customer: "kenji.watanabe@example.com",
      status: "delivered",
      total: 279.0,
      currency: "USD",
      placedDaysAgo: 40,
    },
    {
      number: "NW-47760",
      customer: "hannah.weiss@example.com",
      status: "delivered",
      total: 212.0,
      currency: "USD",
      placedDaysAgo: 35,
    },
    {
      number: "NW-47811",
      customer: "marcus.bell@example.com",
      status: "delivered",
      total: 86.5,
      currency: "USD",
      placedDaysAgo: 33,
    },
    {
      number: "NW-47950",
      customer: "sofia.alvarez@example.org",
      status: "delivered",
      total: 164.0,
      currency: "USD",
      placedDaysAgo: 20,
    },
    {
      number: "NW-48001",
      customer: "ava.thompson@example.com",
      status: "delivered",
      total: 841.0,
      currency: "USD",
      placedDaysAgo: 18,
    },
    {
      number: "NW-48120",
      customer: "ava.thompson@example.com",
      status: "delivered",
      total: 219.0,
      currency: "USD",
      placedDaysAgo: 15,
    },
    {
      number: "NW-48213",
      customer: "hannah.weiss@example.com",
      status: "delivered",
      total: 389.0,
      currency: "USD",
      placedDaysAgo: 9,
    },
    {
      number: "NW-48230",
      customer: "liam.oconnor@example.net",
      status: "delivered",
      total: 279.0,
      currency: "USD",
      placedDaysAgo: 12,
    },
    {
      number: "NW-48310",
      customer: "purchasing@summitcamps.example",
      status: "processed",
      total: 241.6,
      currency: "USD",
      placedDaysAgo: 7,
    },
    {
      number: "NW-48377",
      customer: "marcus.bell@example.com",
      status: "processed",
      total: 214.5,
      refunded: 12.95,
      currency: "USD",
      placedDaysAgo: 10,
    },
    {
      number: "NW-48415",
      customer: "marcus.bell@example.com",
      status: "pending",
      total: 74.0,
      currency: "USD",
      placedDaysAgo: 3,
    },
    {
      number: "NW-48444",
      customer: "rahul.mehta@example.org",
      status: "delivered",
      total: 94.2,
      currency: "USD",
      placedDaysAgo: 6,
    },
    {
      number: "NW-48502",
      customer: "olivia.grant@example.net",
      status: "processed",
      total: 116.8,
      currency: "USD",
      placedDaysAgo: 5,
    },
    {
      number: "NW-48590",
      customer: "kenji.watanabe@example.com",
      status: "delivered",
      total: 149.0,
      currency: "USD",
      placedDaysAgo: 8,
    },
    {
      number: "NW-48611",
      customer: "sofia.alvarez@example.org",
      status: "delivered",
      total: 179.0,
      currency: "USD",
      placedDaysAgo: 6,
    },
    {
      number: "NW-48655",
      customer: "olivia.grant@example.net",
      status: "pending",
      total: 68.0,
      currency: "USD",
      placedDaysAgo: 2,
    },
    {
      number: "NW-48702",
      customer: "chloe.martin@example.com",
      status: "processed",
      total: 152.4,
      currency: "USD",
      placedDaysAgo: 4,
    },
  ],
  verifiedCustomers: ["hannah.weiss@example.com", "rahul.mehta@example.org"],
  customers: [
    { email: "hannah.weiss@example.com", name: "Hannah Weiss", phone: "+1 415 555 0142", tier: "premium" },
    { email: "marcus.bell@example.com", name: "Marcus Bell", phone: "+1 303 555 0178", tier: "standard" },
    { email: "sofia.alvarez@example.org", name: "Sofia Alvarez", tier: "standard" },
    {
      email: "kenji.watanabe@example.com",
      name: "Kenji Watanabe",
      phone: "+1 206 555 0113",
      tier: "premium",
    },
    { email: "olivia.grant@example.net", name: "Olivia Grant", tier: "standard" },
    { email: "liam.oconnor@example.net", name: "Liam O'Connor", phone: "+1 617 555 0190", tier: "standard" },
    { email: "ava.thompson@example.com", name: "Ava Thompson", phone: "+1 512 555 0127", tier: "premium" },
    { email: "rahul.mehta@example.org", name: "Rahul Mehta", tier: "standard" },
    {
      email: "purchasing@summitcamps.example",
      name: "Greg Palmer (Summit Adventure Camps)",
      phone: "+1 406 555 0101",
      tier: "enterprise",
    },
    { email: "chloe.martin@example.com", name: "Chloe Martin", tier: "standard" },
  ],
  tickets: [
    {
      number: 1001,
      subject: "Ridgeline 2 tent arrived with a snapped pole",
      status: "open",
      priority: "high",
      channel: "email",
      tags: ["damaged-item", "replacement", "tents"],
      customer: "hannah.weiss@example.com",
      assignee: "agent",
      openedDaysAgo: 2,
      messages: [
        customer(
          "Hi, my order NW-48213 arrived yesterday and the Ridgeline 2 tent has a snapped main pole. The box was crushed on one corner when the courier dropped it off. I paid $389.00 for this tent and I need it for a trip to Yosemite on the 28th. Can you send a replacement pole or a new tent before then?",
        ),
        agent(
          "Hi Hannah, I'm sorry the tent arrived damaged. Could you send a photo of the snapped pole and of the shipping label? Once I have them I can ship a replacement by express at no cost to you.",
        ),
        customer(
          "Photos are attached. The pole is broken at the second joint and the label shows tracking number 1Z84F20376. I would prefer a complete new tent because the rain fly also has a small tear next to the door zipper.",
        ),
        note(
          "Carrier damage claim filed with UPS, reference DC-55190. Reno DC has 14 Ridgeline 2 in stock. Replacement is under my $400 approval limit; express shipping approved.",
        ),
        agent(
          "Thanks Hannah. I've shipped a brand-new Ridgeline 2 tent by express, tracking 1Z84F20991, and it should arrive on Thursday, well before your trip. You don't need to send the damaged tent back.",
        ),
      ],
    },
    {
      number: 1002,
      subject: "Order NW-48377 stuck in transit for nine days",
      status: "pending",
      priority: "normal",
      channel: "chat",
      tags: ["shipping-delay", "order-status"],
      customer: "marcus.bell@example.com",
      assignee: "agent",
      openedDaysAgo: 4,
      messages: [
        customer(
          "Hello, I ordered a Trailhead 45L backpack and a pair of Summit trekking poles on order NW-48377 nine days ago. Tracking has said 'in transit, Memphis TN' since Monday. The confirmation email promised delivery within 5 business days and I'm leaving for a hike on Saturday.",
        ),
        agent(
          "Hi Marcus, thanks for the order number. I checked with FedEx and your parcel is held at their Memphis hub because of a sorting backlog. They expect it to move within the next 48 hours.",
        ),
        customer(
          "48 hours is cutting it too close for Saturday. If it doesn't arrive by Friday, can I cancel the order and get my $214.50 back?",
        ),
        note("FedEx case 7729-3310 opened. Shipping fee refund of $12.95 issued to Visa ending 4412."),
        agent(
          "Understood. I've asked FedEx to prioritise the parcel and refunded your $12.95 shipping fee as an apology. If it hasn't arrived by Friday at 5 pm, refuse the delivery and we will refund the full order.",
        ),
      ],
    },
    {
      number: 1003,
      subject: "Exchange Cascade boots from size 8 to 8.5",
      status: "solved",
      priority: "low",
      channel: "web",
      tags: ["exchange", "sizing", "footwear"],
      customer: "sofia.alvarez@example.org",
      assignee: "agent",
      openedDaysAgo: 19,
      messages: [
        customer(
          "I bought the Cascade waterproof hiking boots in women's size 8 on order NW-47950 and they pinch at the toes after a short walk. I'd like to exchange them for a size 8.5 in the same slate grey colour. I have only worn them indoors.",
        ),
        agent(
          "Hi Sofia, exchanges of unworn or indoor-worn footwear are free within 60 days. I've created exchange RMA-20931 and emailed you a prepaid return label. We'll ship the size 8.5 as soon as the carrier scans your return.",
        ),
        customer("Thanks! I dropped the box at the UPS Store this morning, the receipt number is 55321."),
        agent(
          "Your return has been scanned and the size 8.5 slate grey boots shipped today with tracking 1Z84F21877. Enjoy the trails!",
        ),
        customer("They arrived and fit perfectly. Thank you for the quick help."),
      ],
    },
    {
      number: 1004,
      subject: "Refund for returned Alpine down jacket never arrived",
      status: "open",
      priority: "high",
      channel: "email",
      tags: ["refund", "returns", "escalation"],
      customer: "kenji.watanabe@example.com",
      assignee: "supervisor",
      openedDaysAgo: 6,
      messages: [
        customer(
          "I returned the Alpine down jacket from order NW-47102 three weeks ago under RMA-20544, and tracking shows it was delivered to your warehouse on October 27. I still haven't received the refund of $279.00 on my Mastercard. Your policy says refunds take 5 to 7 business days.",
        ),
        agent(
          "Hi Kenji, I'm sorry for the wait. The jacket was received, but the inspection step was never completed, so the refund was not released. I've escalated it to the returns team.",
        ),
        note(
          "RMA-20544 has been stuck in 'awaiting inspection' since the Reno scanner outage on October 28. Asked the DC to inspect it today.",
        ),
        customer(
          "This is the second time I've had to chase a refund with you. Can I speak to a manager? I've been a premium member for four years and this is not acceptable.",
        ),
        supervisor(
          "Hi Kenji, I'm Daniel, the support supervisor. You're right that this took far too long. I've released the $279.00 refund manually without waiting for inspection and added a $25 store credit for the trouble. The refund should appear on your Mastercard within 3 business days.",
        ),
        customer("Thank you Daniel, I appreciate you stepping in. I'll confirm once I see the refund."),
      ],
    },
    {
      number: 1005,
      subject: "Discount code TRAIL20 rejected at checkout",
      status: "solved",
      priority: "normal",
      channel: "chat",
      tags: ["discount-code", "checkout"],
      customer: "olivia.grant@example.net",
      assignee: "agent",
      openedDaysAgo: 12,
      messages: [
        customer(
          "Your newsletter gave me the code TRAIL20 for 20% off, but checkout says 'This code is not valid for the items in your cart'. My cart has the Canyon rain shell and a Glacier insulated bottle, total $146.00.",
        ),
        agent(
          "Hi Olivia! TRAIL20 applies to full-price items only, and the Glacier bottle is currently on sale, which blocks the code for the whole cart. If you check out the rain shell on its own, the code will work.",
        ),
        customer("That's confusing, the email didn't mention it at all. Can you apply it to both items?"),
        agent(
          "I can't change how the code works, but I've placed the order for you by hand with 20% off both items. The new total is $116.80 on order NW-48502, and the confirmation email is on its way.",
        ),
        customer("Perfect, the confirmation just arrived. Thanks."),
      ],
    },
    {
      number: 1006,
      subject: "Password reset email never arrives",
      status: "pending",
      priority: "normal",
      channel: "email",
      tags: ["account", "password-reset", "login"],
      customer: "liam.oconnor@example.net",
      assignee: "agent",
      openedDaysAgo: 3,
      messages: [
        customer(
          "I've tried to reset my password three times today but the reset email never arrives, and it isn't in spam either. My account email is liam.oconnor@example.net. I need to look up my order history for a warranty claim.",
        ),
        agent(
          "Hi Liam, our mail logs show that your provider rejected our messages with 'mailbox full'. Could you free up some space and then request the reset again?",
        ),
        customer(
          "That's embarrassing. I cleared my inbox and requested another reset at 14:10, but still nothing.",
        ),
        note(
          "Mail log shows the 14:10 reset was delivered at 14:11 (message id 8f3a21). Probably greylisting.",
        ),
        agent(
          "Our system shows the reset email was delivered at 14:11. Some providers hold new mail for a few minutes; the link stays valid for 60 minutes. Let me know if it still doesn't show up.",
        ),
      ],
    },
    {
      number: 1007,
      subject: "Received the regular Basecamp sleeping bag instead of the long",
      status: "open",
      priority: "normal",
      channel: "email",
      tags: ["wrong-item", "exchange", "sleeping-bags"],
      customer: "ava.thompson@example.com",
      assignee: "agent",
      openedDaysAgo: 5,
      messages: [
        customer(
          "I ordered the Basecamp -7°C sleeping bag in the long length (for people up to 6'6\") on order NW-48120, but the bag that arrived is the regular length. The packing slip even says 'Long'. I'm 6'3\" so the regular one is useless to me.",
        ),
        agent(
          "Hi Ava, sorry about the mix-up; it looks like a picking error at our warehouse. I've reserved a long Basecamp bag for you and emailed a prepaid label for the regular one.",
        ),
        customer(
          "Can you ship the long one now instead of waiting for my return? I'm camping in two weekends.",
        ),
        note("Premium member, picking error is ours: advance replacement approved, SKU BC-7L-GRN reserved."),
        agent(
          "Of course. The long bag shipped today with tracking 1Z84F22340 and should arrive on Tuesday. Please send the regular one back within 30 days using the label.",
        ),
      ],
    },
    {
      number: 1008,
      subject: "Quote and invoice for 30 Trailhead backpacks (camp order)",
      status: "pending",
      priority: "normal",
      channel: "email",
      tags: ["bulk-order", "b2b", "invoice"],
      customer: "purchasing@summitcamps.example",
      assignee: "supervisor",
      openedDaysAgo: 9,
      messages: [
        customer(
          "Hello, Summit Adventure Camps would like to order 30 Trailhead 45L backpacks for our counsellors before the spring season. We are a registered non-profit and tax exempt in Montana. Could you send a quote with your volume discount and allow payment by invoice with 30-day terms?",
        ),
        supervisor(
          "Hi Greg, thanks for thinking of us. Orders of 25+ units get 15% off, so 30 backpacks at $159.00 come to $4,054.50 before shipping. We can invoice on net-30 once we have your tax-exempt certificate on file.",
        ),
        customer(
          "Great. Our exemption certificate is attached (number MT-EX-22871). Please ship to our warehouse at 118 Rimrock Road, Billings, and put PO 2026-044 on the invoice.",
        ),
        note(
          "Certificate MT-EX-22871 forwarded to finance for verification. Freight quote requested from UPS: 3 cartons.",
        ),
        supervisor(
          "Thank you. Finance is verifying the certificate, which usually takes two business days. I'll send invoice INV-NW-7731 with PO 2026-044 as soon as it's approved.",
        ),
      ],
    },
    {
      number: 1009,
      subject: "Charged twice for order NW-48444",
      status: "open",
      priority: "urgent",
      channel: "chat",
      tags: ["billing", "double-charge", "refund", "escalation"],
      customer: "rahul.mehta@example.org",
      assignee: "supervisor",
      openedDaysAgo: 1,
      messages: [
        customer(
          "My bank statement shows two charges of $94.20 from Northwind Outfitters on the same day, but I only placed one order, NW-48444. I need the duplicate reversed because it pushed my account into overdraft.",
        ),
        system("Chat assistant suggested the article 'Pending authorisations and duplicate charges'."),
        customer(
          "I already read that article, this isn't a pending authorisation, both charges have posted. I want to talk to a real person, not a bot.",
        ),
        supervisor(
          "Hi Rahul, this is Daniel from the support team, a real person. I can see two captured payments for NW-48444: the checkout page timed out and retried the payment. I've refunded the duplicate $94.20 just now, refund reference RF-90215.",
        ),
        note(
          "Payments team notified: checkout retry created duplicate capture. Possibly related to the gateway timeouts on November 17.",
        ),
        customer("Thank you. How long until it shows on my account? The overdraft fee is $35."),
        supervisor(
          "Card refunds usually post within 3 to 5 business days. Since the duplicate was our error, I've also sent you a $35 credit to cover the overdraft fee.",
        ),
      ],
    },
    {
      number: 1010,
      subject: "Return trekking poles after 75 days",
      status: "closed",
      priority: "low",
      channel: "email",
      tags: ["returns", "policy-exception"],
      customer: "chloe.martin@example.com",
      assignee: "agent",
      openedDaysAgo: 26,
      messages: [
        customer(
          "Hi, I bought the Summit trekking poles in August (order NW-45530, $129.00) but only used them once because I injured my knee. I know it's been about 75 days, but is there any way to return them? They're in the original packaging.",
        ),
        agent(
          "Hi Chloe, I'm sorry about your knee. Our return window is 60 days, so I can't offer a refund to your card, but since the poles are unused I can offer store credit for the full $129.00.",
        ),
        customer("Store credit is fine, thank you. Do I need to pay for the return shipping?"),
        agent(
          "No, I've emailed you a prepaid label. The store credit will be added to your account as soon as the poles arrive back at our warehouse.",
        ),
      ],
    },
    {
      number: 1011,
      subject: "Glacier bottle lid leaks after two weeks",
      status: "solved",
      priority: "low",
      channel: "web",
      tags: ["warranty", "defect", "drinkware"],
      customer: "marcus.bell@example.com",
      assignee: "agent",
      openedDaysAgo: 15,
      messages: [
        customer(
          "The lid of my Glacier insulated bottle (32 oz, bought on order NW-47811) leaks whenever the bottle is on its side. The gasket looks slightly warped. I've only hand-washed it, never put it in the dishwasher.",
        ),
        agent(
          "Hi Marcus, a warped gasket is covered by the lifetime warranty on Glacier bottles. Could you confirm the colour so I can send the right replacement lid?",
        ),
        customer("It's the forest green one."),
        agent(
          "A replacement forest green lid with a new gasket is on its way by standard mail; no need to return the old one.",
        ),
      ],
    },
    {
      number: 1012,
      subject: "Account locked after too many sign-in attempts",
      status: "solved",
      priority: "normal",
      channel: "chat",
      tags: ["account", "login", "locked"],
      customer: "hannah.weiss@example.com",
      assignee: "agent",
      openedDaysAgo: 21,
      messages: [
        customer(
          "My account says 'Too many failed attempts, try again in 30 minutes', but I think my old password manager entry was wrong. I need to check out before the early-access sale ends at noon today.",
        ),
        agent(
          "Hi Hannah, I can see five failed sign-ins from your saved password this morning. I've lifted the lock; please use 'Forgot password' to set a new password before you try again.",
        ),
        customer("Done, I'm in and the sale price still shows. Thanks for the fast help!"),
      ],
    },
    {
      number: 1013,
      subject: "Cancel order NW-48611 before it ships",
      status: "solved",
      priority: "normal",
      channel: "email",
      tags: ["cancellation", "order-status"],
      customer: "sofia.alvarez@example.org",
      assignee: "agent",
      openedDaysAgo: 8,
      messages: [
        customer(
          "Please cancel order NW-48611 that I placed an hour ago. I ordered the Canyon rain shell in medium, but my partner already bought me the same jacket for my birthday. The total was $179.00.",
        ),
        agent(
          "Hi Sofia, the order hadn't been picked yet, so I was able to cancel it. The $179.00 authorisation on your card will be released within 2 business days.",
        ),
        customer("Great, thank you so much."),
      ],
    },
    {
      number: 1014,
      subject: "Change shipping address on order NW-48590",
      status: "closed",
      priority: "normal",
      channel: "phone",
      tags: ["address-change", "order-status"],
      customer: "kenji.watanabe@example.com",
      assignee: "agent",
      openedDaysAgo: 17,
      messages: [
        note(
          "Phone call: Kenji moved last weekend and order NW-48590 (Alpine down vest, $149.00) still has his old address, 2210 Pine St, Seattle. New address: 87 Harbor View Ave, Apt 4C, Tacoma WA 98402.",
        ),
        agent(
          "Hi Kenji, as discussed on the phone, I've updated the shipping address on NW-48590 to 87 Harbor View Ave, Apt 4C, Tacoma. The order ships tomorrow.",
        ),
        customer(
          "Thanks for confirming in writing. Could you also update the default address on my account?",
        ),
        agent("Done: your account's default shipping address is now the Tacoma one as well."),
      ],
    },
    {
      number: 1015,
      subject: "Only one of two merino base layers in the parcel",
      status: "open",
      priority: "normal",
      channel: "email",
      tags: ["missing-item", "order-status"],
      customer: "olivia.grant@example.net",
      assignee: "agent",
      openedDaysAgo: 2,
      messages: [
        customer(
          "My order NW-48655 was for two Northwind merino base layer tops, one in black size S and one in heather blue size S. The parcel only contained the black one, although the invoice lists both at $68.00 each.",
        ),
        agent(
          "Hi Olivia, thanks for letting us know. The heather blue top was out of stock at the Reno warehouse and is shipping separately from our Columbus warehouse. The second parcel should arrive by Friday.",
        ),
        customer(
          "Nobody told me it was a split shipment. Can you send me the tracking number for the second parcel?",
        ),
        agent(
          "You're right, the split-shipment email failed to send, sorry about that. The tracking number for the second parcel is 9400 1118 9922 3345 7781 00.",
        ),
      ],
    },
    {
      number: 1016,
      subject: "Wedding gift order delayed, partially shipped and wrong colour",
      status: "open",
      priority: "urgent",
      channel: "email",
      tags: ["shipping-delay", "partial-shipment", "wrong-item", "escalation", "refund"],
      customer: "ava.thompson@example.com",
      assignee: "agent",
      openedDaysAgo: 14,
      messages: [
        customer(
          "Hello, I placed order NW-48001 for a wedding gift: two Basecamp -7°C sleeping bags in olive, a Ridgeline 2 tent and two Glacier bottles, $841.00 in total. The wedding is on Saturday the 14th and the order page still says 'processing' after four days. Could you check what is going on?",
        ),
        agent(
          "Hi Ava, thank you for your patience. The tent and the bottles are ready, but the olive sleeping bags are waiting for a restock that arrives at our Reno warehouse on Monday. Would you like us to ship everything together or send the available items now?",
          180,
        ),
        customer(
          "Please send what you have now, and the sleeping bags as soon as they come in. The couple is leaving for their honeymoon on the 16th.",
          95,
        ),
        agent(
          "Done. The tent and the bottles shipped today with tracking 1Z84F19020. I'll update you once the sleeping bags ship.",
          60,
        ),
        note(
          "Restock PO 5531 for BC-7R-OLV expected Monday. Flagged the order so the bags are picked first.",
          10,
        ),
        customer(
          "The first parcel arrived by express today, but the tent is the sand colour, not the forest green I ordered. The packing slip says forest green. I'm starting to worry this gift is going to be a disaster.",
          1440,
        ),
        agent(
          "I'm very sorry, Ava. That's a picking error on our side. I've reserved a forest green Ridgeline 2 and will ship it by express together with the sleeping bags. You can keep the sand tent until the replacement arrives.",
          75,
        ),
        customer(
          "It's Monday evening and I still have no tracking for the sleeping bags. What is happening?",
          2900,
        ),
        agent(
          "The restock truck was delayed by snow on I-80 and is now due on Wednesday morning. The bags will ship by overnight express the same day.",
          120,
        ),
        customer(
          "Wednesday is cutting it very close to the 14th. I would like to speak to a manager about this order, because I've now spent a week chasing it.",
          40,
        ),
        system("Ticket escalated to the supervisor queue (priority raised to urgent).", 2),
        supervisor(
          "Hi Ava, I'm Daniel, the support supervisor, and I've taken over your order. I've confirmed with the warehouse that the olive sleeping bags are on the Wednesday truck, and I've pre-booked overnight delivery so they arrive on Thursday the 12th.",
          55,
        ),
        customer("Thank you Daniel. What about the wrong tent? I don't want to pay to send it back.", 30),
        supervisor(
          "You won't pay anything. The forest green tent ships with the bags, and I've emailed a prepaid label for the sand one. I've also refunded the $39.90 express shipping you paid on the original order.",
          25,
        ),
        note(
          "Refund RF-90107 for $39.90 shipping issued. Goodwill: waived return shipping for the sand tent.",
          5,
        ),
        system("Shipment 2 of 2 created: tracking 1Z84F19977 (overnight).", 2700),
        supervisor(
          "Good news: the sleeping bags and the forest green tent left Reno tonight by overnight express, tracking 1Z84F19977.",
          15,
        ),
        customer(
          "It all arrived this morning and it looks wonderful. Thank you for sorting it out in the end.",
          900,
        ),
        customer(
          "One last thing: the refund of $39.90 isn't on my card yet. Could you confirm the reference so I can ask my bank?",
          1500,
        ),
        supervisor(
          "Of course: refund RF-90107 for $39.90 was issued on November 9 to your Amex ending 1009. Amex usually shows refunds within 5 business days.",
          70,
        ),
      ],
    },
    {
      number: 1017,
      subject: "Price dropped a week after I bought the Alpine jacket",
      status: "solved",
      priority: "low",
      channel: "email",
      tags: ["price-adjustment", "refund"],
      customer: "liam.oconnor@example.net",
      assignee: "agent",
      openedDaysAgo: 11,
      messages: [
        customer(
          "I bought the Alpine down jacket for $279.00 on order NW-48230 eight days ago, and today it's on sale for $223.20. Do you offer a price adjustment? It feels bad to have paid $55.80 more than someone buying it today.",
        ),
        agent(
          "Hi Liam, yes: we match our own prices within 14 days of purchase. I've refunded the $55.80 difference to your original payment method, reference RF-90188.",
        ),
        customer("That was easy, thanks a lot!"),
      ],
    },
    {
      number: 1018,
      subject: "Gift card balance not applied at checkout",
      status: "pending",
      priority: "normal",
      channel: "web",
      tags: ["gift-card", "checkout", "billing"],
      customer: "chloe.martin@example.com",
      assignee: "agent",
      openedDaysAgo: 3,
      messages: [
        customer(
          "I have a $100 Northwind gift card (number ending 7731) from my sister. When I entered it at checkout for order NW-48702, the page said 'Gift card applied', but my credit card was still charged the full $152.40.",
        ),
        agent(
          "Hi Chloe, I can see the gift card was validated but not captured because the session expired during payment. The gift card still has its full $100 balance.",
        ),
        note(
          "Known issue KEEL-PAY-311: gift card capture skipped when checkout session exceeds 15 min. Refund $100 to card, then charge gift card.",
        ),
        agent(
          "I've refunded $100.00 to your credit card and charged the gift card instead, so the order is paid as you intended. You'll see the refund within 3 to 5 business days.",
        ),
        customer("Thanks. Can you tell me what balance is left on the gift card now?"),
      ],
    },
    {
      number: 1019,
      subject: "Cascade boots leaking after two months",
      status: "open",
      priority: "high",
      channel: "email",
      tags: ["warranty", "defect", "footwear"],
      customer: "rahul.mehta@example.org",
      assignee: "agent",
      openedDaysAgo: 5,
      messages: [
        customer(
          "My Cascade waterproof hiking boots (men's 10, order NW-46112) started letting water in after two months of weekend hikes. Both boots soak through at the seam where the upper meets the sole. They were sold as waterproof, so I'd like a replacement pair.",
        ),
        agent(
          "Hi Rahul, I'm sorry to hear that. Cascade boots have a 2-year waterproofing warranty. Could you send photos of the seam on both boots and the inside label with the batch number?",
        ),
        customer("Photos attached. The label says batch CB-2231 and the size is 10 M."),
        note(
          "Batch CB-2231 has 9 similar seam complaints this quarter. Logged with product quality, ticket PQ-118.",
        ),
        agent(
          "Thank you, that batch has a known seam issue. I'm sending you a new pair from a newer batch and a prepaid label for the old pair. The new boots ship tomorrow.",
        ),
        customer("Great, thank you for not making this difficult."),
      ],
    },
    {
      number: 1020,
      subject: "Loyalty points missing from my last two orders",
      status: "pending",
      priority: "low",
      channel: "web",
      tags: ["loyalty", "account"],
      customer: "hannah.weiss@example.com",
      assignee: "agent",
      openedDaysAgo: 7,
      messages: [
        customer(
          "My Trail Rewards balance hasn't changed since September. Orders NW-47760 ($212.00) and NW-48213 ($389.00) should each have earned points, roughly 600 in total, but my account still shows 1,240 points.",
        ),
        agent(
          "Hi Hannah, points post 30 days after delivery, once the return window has passed. NW-47760 should have posted last week though, so I've asked the loyalty team to check.",
        ),
        note(
          "Loyalty sync job failed for orders paid with Apple Pay between Oct 1 and Oct 15. Manual credit requested: 212 points.",
        ),
        agent(
          "The loyalty team confirmed a sync problem. I've added the 212 points for NW-47760 by hand; NW-48213 will post automatically 30 days after delivery, around December 17.",
        ),
      ],
    },
    {
      number: 1021,
      subject: "Customs fees on an order shipped to Canada",
      status: "open",
      priority: "normal",
      channel: "phone",
      tags: ["shipping", "international", "customs"],
      customer: "purchasing@summitcamps.example",
      assignee: "agent",
      openedDaysAgo: 10,
      messages: [
        note(
          "Phone call with Greg Palmer: order NW-48310 (12 Summit trekking poles, $1,548.00) shipped to the camp's Canadian site in Canmore, Alberta. The courier asked for CA$241.60 in duties and brokerage before delivery. Greg says our site promised 'duties included'.",
        ),
        customer(
          "Following up on my call: the courier is holding the parcel until someone pays CA$241.60. Your checkout said duties were included for Canada. Please confirm whether Northwind will pay this or refund it.",
        ),
        agent(
          "Hi Greg, you're right: orders to Canada over US$800 should have been shipped DDP (duties paid by us), and this one was mislabelled. I've asked UPS to re-bill the duties to our account so you won't pay anything at delivery.",
        ),
        note(
          "UPS brokerage re-bill request BR-44102 submitted. If UPS refuses, reimburse CA$241.60 as goodwill (supervisor approval needed > $100).",
        ),
      ],
    },
    {
      number: 1022,
      subject: "Exchange Alpine jacket M for L, but L is out of stock",
      status: "pending",
      priority: "normal",
      channel: "chat",
      tags: ["exchange", "sizing", "out-of-stock"],
      customer: "marcus.bell@example.com",
      assignee: "agent",
      openedDaysAgo: 4,
      messages: [
        customer(
          "I need to swap my Alpine down jacket (order NW-48415) from medium to large, but the website shows large as out of stock in navy. Is there any way to get one?",
        ),
        system(
          "Chat assistant: 'Large navy is expected back in stock on December 2. Would you like to join the waitlist?'",
        ),
        customer("I don't want a waitlist, can I speak to a human please?"),
        agent(
          "Hi Marcus, I'm Maya, a human from the support team. Large navy is back in stock on December 2, but our Portland store has one large navy jacket today. I can have it transferred and shipped to you by Wednesday if you send the medium back.",
        ),
        customer("Yes please, do that. I'll drop off the medium tomorrow."),
        agent("Done. The transfer is booked and your prepaid return label for the medium is in your inbox."),
      ],
    },
    {
      number: 1023,
      subject: "Please delete my account and personal data",
      status: "pending",
      priority: "low",
      channel: "email",
      tags: ["account", "privacy", "data-deletion"],
      customer: "chloe.martin@example.com",
      assignee: "agent",
      openedDaysAgo: 1,
      messages: [
        customer(
          "I'd like my Northwind account and all my personal data deleted, including my order history and saved addresses. Please also remove me from all marketing emails. My store credit of $129.00 can be used first if that matters.",
        ),
        agent(
          "Hi Chloe, I can start the deletion for you. Before I do: your account still has $129.00 in store credit and an open gift card question (ticket #1018), and both would be lost. Would you like to use the credit first?",
        ),
        note(
          "Privacy request logged as DSR-2026-0412. Deletion must be completed within 30 days; order records kept 7 years for tax, anonymised.",
        ),
      ],
    },
    {
      number: 1024,
      subject: "Trekking pole tip snapped on first hike",
      status: "open",
      priority: "normal",
      channel: "web",
      tags: ["damaged-item", "warranty"],
      customer: "ava.thompson@example.com",
      assignee: null,
      openedDaysAgo: 1,
      messages: [
        customer(
          "The carbide tip of one of my Summit trekking poles snapped off on the first descent of my hike on Sunday. The poles are from order NW-48120. Is there a replacement tip kit you can send, or do I need to return the whole pair?",
        ),
        system(
          "Auto-reply sent: 'Thanks for contacting Northwind Outfitters. We usually answer within one business day.'",
        ),
        customer("Adding a photo of the broken tip. The other pole looks fine."),
      ],
    },
  ],
  articles: [
    {
      slug: "returns-and-refunds",
      title: "Returns and refunds",
      tier: "public",
      tags: ["returns", "refund"],
      body: `You can return most items within 60 days of delivery if they are unused, or worn indoors only, and in their original packaging.

How to return: open your order in My Account, choose "Return items" and print the prepaid label. Drop the parcel at any UPS location.

Refunds go back to the original payment method within 5 to 7 business days after our warehouse inspects the return. A $6.95 return shipping fee is deducted from refunds, except for exchanges and for damaged, defective or wrongly shipped items.

Final sale items, personalised items and opened food products cannot be returned.`,
    },
    {
      slug: "shipping-times-and-costs",
      title: "Shipping times and costs",
      tier: "public",
      tags: ["shipping", "delivery"],
      body: `Standard shipping (3 to 5 business days) costs $7.95 and is free on orders over $75. Express shipping (1 to 2 business days) costs $19.95. Orders placed before 1 pm Pacific ship the same business day.

We ship with UPS and FedEx from our warehouses in Reno, NV and Columbus, OH. If items come from different warehouses your order may arrive in more than one parcel; each parcel gets its own tracking number.

Canada: orders over US$800 ship with duties and taxes paid. Below that amount, the carrier may collect duties on delivery.`,
    },
    {
      slug: "size-exchanges",
      title: "Exchanging for a different size",
      tier: "public",
      tags: ["exchange", "sizing"],
      body: `Exchanges for a different size or colour are free within 60 days. Start the exchange in My Account; we reserve the new size for 7 days and email a prepaid label.

We ship the new item as soon as the carrier scans your return. Premium members get the new item shipped immediately, before the return arrives.

If the size you need is out of stock, you can join the waitlist or ask support whether one of our stores has it.`,
    },
    {
      slug: "damaged-or-defective-items",
      title: "Damaged or defective items",
      tier: "public",
      tags: ["damaged-item", "defect", "warranty"],
      body: `If something arrives damaged, tell us within 14 days and include photos of the item, the box and the shipping label. Keep the packaging until the case is closed: the carrier may ask to inspect it.

We send a replacement or give a full refund, including shipping. You never pay return shipping for a damaged or defective item.

Warranty: tents and footwear have a 2-year warranty against manufacturing defects, outerwear 1 year, and Glacier drinkware a lifetime warranty on lids and gaskets.`,
    },
    {
      slug: "discount-codes",
      title: "Discount codes and promotions",
      tier: "public",
      tags: ["discount-code", "checkout"],
      body: `Only one discount code can be used per order. Newsletter codes such as TRAIL20 apply to full-price items only: a cart that contains a sale item rejects the code with "This code is not valid for the items in your cart".

Codes cannot be applied after an order has been placed, and cannot be exchanged for cash or gift cards. Price adjustments: if we lower the price of an item within 14 days of your purchase, we refund the difference on request.`,
    },
    {
      slug: "account-and-password-help",
      title: "Signing in, passwords and account locks",
      tier: "public",
      tags: ["account", "login", "password-reset"],
      body: `Forgot your password? Use "Forgot password" on the sign-in page. The reset link is valid for 60 minutes; request a new one if it expires. If the email doesn't arrive within 10 minutes, check your spam folder and that your mailbox isn't full.

After 5 failed sign-in attempts the account is locked for 30 minutes to protect it. Support can lift the lock once you've confirmed your identity.

To delete your account, contact support. We remove personal data within 30 days; order records are kept in anonymised form for tax purposes.`,
    },
    {
      slug: "trail-rewards-loyalty",
      title: "Trail Rewards loyalty points",
      tier: "public",
      tags: ["loyalty", "account"],
      body: `You earn 1 point per dollar spent. Points post to your account 30 days after delivery, once the return window has passed. 500 points can be redeemed for a $25 reward at checkout.

Premium members earn double points and get free express shipping on orders over $150. Points expire after 18 months without a purchase.`,
    },
    {
      slug: "gift-cards",
      title: "Gift cards",
      tier: "public",
      tags: ["gift-card", "checkout"],
      body: `Gift cards never expire and can be combined with one discount code. Enter the 16-digit number at checkout; the remaining amount is charged to your card.

You can check a gift card's balance at northwind.example/giftcard. Lost gift cards can be replaced if you have the order number or receipt.`,
    },
    {
      slug: "carrier-damage-claims",
      title: "Carrier damage claims and replacement approvals",
      tier: "internal",
      tags: ["damaged-item", "replacement", "carrier"],
      body: `For parcels damaged in transit, file a claim on the carrier portal (UPS: claims within 60 days; FedEx: within 21 days) with the customer's photos, and note the claim reference on the ticket.

Approval limits: agents may approve replacements and refunds up to $400 per order, supervisors up to $2,000. Above that, ask the operations manager.

Advance replacements (shipping before the return arrives) are allowed for premium members, and for anyone when the error is ours (wrong item, picking error).`,
    },
    {
      slug: "goodwill-credits-and-exceptions",
      title: "Goodwill credits and return-window exceptions",
      tier: "internal",
      tags: ["refund", "returns", "policy-exception"],
      body: `Agents may give goodwill store credit up to $25 per ticket; supervisors up to $100. Reimbursing third-party fees (bank overdraft, customs) above $100 needs supervisor approval.

Return-window exceptions: unused items up to 90 days may be returned for store credit (not card refunds). Premium members may get card refunds up to 90 days at a supervisor's discretion.

Never promise a refund before checking the RMA status in the returns tool.`,
    },
    {
      slug: "escalation-guidelines",
      title: "When and how to escalate",
      tier: "internal",
      tags: ["escalation"],
      body: `Escalate to the supervisor queue when a customer asks for a manager, when a customer has contacted us three or more times about the same order, or when a refund or replacement exceeds your approval limit.

Duplicate charges and chargebacks go to the payments team as urgent. Mark the ticket urgent, add an internal note with the order number and amounts, and tell the customer a supervisor will reply within 4 business hours.`,
    },
  ],
};
