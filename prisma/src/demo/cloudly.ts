import { agent, customer, type DemoTenantData, note, supervisor, system } from "./types";

// Cloudly: a B2B SaaS workspace (documents, workflows and an API). Customers are admins and engineers
// at client companies writing about billing, SSO, seats, API errors, exports, outages, plan changes
// and account ownership.

export const cloudly: DemoTenantData = {
  tenant: { slug: "cloudly", name: "Cloudly", industry: "saas" },
  accounts: [
    {
      key: "brightpath",
      name: "BrightPath Learning workspace",
      customer: "rachel.kim@brightpath.example",
      ownerEmail: "rachel.kim@brightpath.example",
    },
    {
      key: "pixelforge",
      name: "PixelForge Studio workspace",
      customer: "omar@pixelforge.example",
      ownerEmail: "omar@pixelforge.example",
    },
    {
      key: "greenleaf",
      name: "Greenleaf Dental workspace",
      customer: "lucy@greenleafdental.example",
      ownerEmail: "lucy@greenleafdental.example",
    },
    {
      key: "tandem",
      name: "Tandem Health workspace",
      customer: "ben.carter@tandemhealth.example",
      ownerEmail: "ben.carter@tandemhealth.example",
    },
    {
      key: "nordlys",
      name: "Nordlys Arkitekter workspace",
      customer: "ingrid.solberg@nordlys.example",
      ownerEmail: "ingrid.solberg@nordlys.example",
    },
    {
      key: "lumen",
      name: "Lumen Analytics workspace",
      customer: "victor@lumenanalytics.example",
      ownerEmail: "victor@lumenanalytics.example",
    },
    {
      key: "harbor",
      name: "Harbor Retail workspace",
      customer: "grace.adeyemi@harborretail.example",
      ownerEmail: "grace.adeyemi@harborretail.example",
    },
    {
      key: "quillstack",
      name: "QuillStack workspace",
      customer: "sam@quillstack.example",
      ownerEmail: "sam@quillstack.example",
    },
    {
      key: "atlas",
      name: "Atlas Freight workspace",
      customer: "fatima.zahra@atlasfreight.example",
      ownerEmail: "fatima.zahra@atlasfreight.example",
    },
    {
      key: "meridian",
      name: "Meridian Legal workspace",
      customer: "petra.novak@meridianlegal.example",
      ownerEmail: "petra.novak@meridianlegal.example",
    },
  ],
  verifiedCustomers: ["ingrid.solberg@nordlys.example", "omar@pixelforge.example"],
  customers: [
    {
      email: "rachel.kim@brightpath.example",
      name: "Rachel Kim",
      phone: "+1 312 555 0166",
      tier: "enterprise",
    },
    { email: "omar@pixelforge.example", name: "Omar Haddad", tier: "premium" },
    {
      email: "lucy@greenleafdental.example",
      name: "Lucy Fernández",
      phone: "+1 702 555 0134",
      tier: "standard",
    },
    {
      email: "ben.carter@tandemhealth.example",
      name: "Ben Carter",
      phone: "+1 617 555 0102",
      tier: "enterprise",
    },
    {
      email: "ingrid.solberg@nordlys.example",
      name: "Ingrid Solberg",
      phone: "+47 555 01 234",
      tier: "premium",
    },
    { email: "victor@lumenanalytics.example", name: "Victor Nguyen", tier: "standard" },
    { email: "grace.adeyemi@harborretail.example", name: "Grace Adeyemi", tier: "enterprise" },
    { email: "sam@quillstack.example", name: "Sam Whitaker", tier: "standard" },
    {
      email: "fatima.zahra@atlasfreight.example",
      name: "Fatima Zahra",
      phone: "+1 469 555 0188",
      tier: "premium",
    },
    { email: "petra.novak@meridianlegal.example", name: "Petra Novak", tier: "standard" },
  ],
  tickets: [
    {
      number: 1001,
      subject: "November invoice bills 140 seats, we have 120",
      status: "open",
      priority: "high",
      channel: "email",
      tags: ["billing", "invoice", "seats"],
      customer: "rachel.kim@brightpath.example",
      assignee: "agent",
      openedDaysAgo: 2,
      messages: [
        customer(
          "Hello, invoice INV-2026-11482 for our Brightpath Logistics workspace bills 140 Growth seats at $24 each, $3,360.00 in total. We removed 20 seats on October 3 when the Denver team moved to another tool, so we should have been billed for 120 seats, $2,880.00. Please correct the invoice before our payment run on the 25th.",
        ),
        agent(
          "Hi Rachel, thanks for the details. I can see 20 users were deactivated on October 3, but the seats themselves were not removed from the subscription, so billing still counted 140. Deactivating a user frees the seat for someone else without lowering the seat count.",
        ),
        customer(
          "Nobody told us there was a difference between deactivating a user and removing a seat. We haven't used those 20 seats since October 3, so we shouldn't pay for them.",
        ),
        note(
          "Seat count 140 since Aug renewal; 20 users deactivated Oct 3. Credit for 20 seats × $24 = $480 is within agent limit ($500).",
        ),
        agent(
          "That's fair. I've reduced the subscription to 120 seats and issued a credit note, CN-2026-0317, for $480.00. A corrected invoice, INV-2026-11482-R1, for $2,880.00 is in your billing portal now.",
        ),
      ],
    },
    {
      number: 1002,
      subject: "Okta SSO fails with E-SSO-112 after certificate rotation",
      status: "open",
      priority: "urgent",
      channel: "email",
      tags: ["sso", "saml", "login", "outage"],
      customer: "ingrid.solberg@nordlys.example",
      assignee: "agent",
      openedDaysAgo: 1,
      messages: [
        customer(
          "Since 08:30 CET nobody at Nordlys Arkitekter can sign in with Okta. The Cloudly login page shows 'SAML response signature invalid (E-SSO-112)'. We rotated the Okta signing certificate this morning because the old one expires on December 1. 46 people are locked out right now.",
        ),
        agent(
          "Hi Ingrid, E-SSO-112 means Cloudly is still validating against the old certificate. In Settings → Security → SAML, upload the new certificate from Okta (the .cer file, not the metadata URL) and click Save. Until then, workspace owners can still sign in with email and password at /login?sso=0.",
        ),
        customer(
          "I uploaded the new certificate but now the error is 'Audience mismatch (E-SSO-104)'. I didn't change anything else.",
        ),
        note(
          "E-SSO-104: Okta app's Audience URI is https://app.cloudly.example/saml/nordlys; our SP entity id for this workspace is https://app.cloudly.example/saml/ws_nordlys. Probably changed when they re-created the Okta app.",
        ),
        agent(
          "Thanks, that one is on the Okta side: the Audience URI in your Okta app must be exactly https://app.cloudly.example/saml/ws_nordlys. It looks like it lost the 'ws_' prefix when the app was re-created.",
        ),
        customer("Fixed the Audience URI and everyone can sign in again. Thank you for the fast response."),
      ],
    },
    {
      number: 1003,
      subject: "Getting 429 rate_limit_exceeded at 300 requests per minute",
      status: "pending",
      priority: "normal",
      channel: "web",
      tags: ["api", "rate-limit"],
      customer: "sam@quillstack.example",
      assignee: "agent",
      openedDaysAgo: 5,
      messages: [
        customer(
          "Our nightly sync job calls GET /v2/documents and starts getting HTTP 429 with error code rate_limit_exceeded after about 300 requests in a minute. Your docs say the Growth plan allows 600 requests per minute. Example request id: req_8f2c41d9a7.",
        ),
        agent(
          "Hi Sam, your workspace is on the Starter plan, which allows 120 requests per minute with bursts up to 300; the 600 limit is for Growth. The 429 responses include a Retry-After header (in seconds) that your job can honour.",
        ),
        customer(
          "We upgraded to Growth last Tuesday, invoice INV-2026-11207. Is the higher limit not applied yet?",
        ),
        note(
          "Plan upgraded on Nov 10 but the rate-limit tier cache is keyed by API key, not workspace. Old keys keep Starter limits until rotated. Bug PLAT-2291.",
        ),
        agent(
          "You're right, and I'm sorry for the confusion. API keys created before the upgrade keep the old limits until they are rotated; that's a bug our platform team is fixing. Creating a new key in Settings → API will give you 600 requests per minute immediately.",
        ),
      ],
    },
    {
      number: 1004,
      subject: "Full workspace export stuck at 60%",
      status: "open",
      priority: "high",
      channel: "email",
      tags: ["data-export", "compliance"],
      customer: "grace.adeyemi@harborretail.example",
      assignee: "agent",
      openedDaysAgo: 3,
      messages: [
        customer(
          "We started a full export of the Harbor Retail Group workspace for our annual audit on Monday (export job exp_7731). It has been stuck at 60% for 36 hours. Our auditors need the files by November 27.",
        ),
        agent(
          "Hi Grace, I can see exp_7731 stopped while processing the 'Store Operations' folder, which holds about 410 GB of attachments. I've asked our data team to look at it.",
        ),
        note(
          "exp_7731 failed on a 14 GB video in Store Operations/Training (object size over the 10 GB export chunk limit). Data team can rerun with large-object streaming.",
        ),
        agent(
          "The export stopped on a single 14 GB training video, which is larger than our export chunk limit. Our data team will rerun the export tonight with large-file support; it should finish in about 8 hours, well before the 27th.",
        ),
        customer(
          "Thank you. Please make sure the export includes the audit log, the auditors asked for it specifically.",
        ),
      ],
    },
    {
      number: 1005,
      subject: "502 errors across the EU region",
      status: "solved",
      priority: "urgent",
      channel: "chat",
      tags: ["outage", "incident", "eu-region"],
      customer: "ben.carter@tandemhealth.example",
      assignee: "supervisor",
      openedDaysAgo: 16,
      messages: [
        customer(
          "Every request to eu.app.cloudly.example has returned 502 Bad Gateway since 09:12 UTC. Our clinics in Dublin and Lisbon cannot open patient intake forms. The status page still says all systems operational.",
        ),
        system("Chat assistant linked the status page and suggested clearing the browser cache."),
        customer(
          "Clearing the cache is not the problem. Is there a human I can talk to? This is a production outage for us.",
        ),
        supervisor(
          "Hi Ben, I'm Aisha, the support supervisor. You're right, this is on our side: a load balancer in eu-west-1 failed during a configuration change at 09:10 UTC. We've declared incident INC-2291 and the status page is being updated now.",
        ),
        note(
          "INC-2291 SEV-1. Tandem Health is on Enterprise with 99.95% SLA; outage 09:10–10:02 UTC (52 min). Eligible for SLA credit.",
        ),
        supervisor(
          "Service was restored at 10:02 UTC. The outage lasted 52 minutes, which puts November below your 99.95% uptime commitment, so you're entitled to a service credit. I'll send the post-incident report within 5 business days.",
        ),
        customer(
          "Confirmed, the clinics can work again. Please do send the report, our compliance team will ask for it.",
        ),
      ],
    },
    {
      number: 1006,
      subject: "Downgrading from Growth to Starter",
      status: "pending",
      priority: "normal",
      channel: "email",
      tags: ["plan-change", "downgrade", "billing"],
      customer: "victor@lumenanalytics.example",
      assignee: "agent",
      openedDaysAgo: 6,
      messages: [
        customer(
          "We'd like to downgrade Lumen Analytics from Growth to Starter at the end of this month. We're now 8 people and don't use most of the Growth features. What do we lose, and will we get anything back for the unused part of the month?",
        ),
        agent(
          "Hi Victor, on Starter you'd lose SAML SSO, audit logs older than 30 days, and the API limit drops from 600 to 120 requests per minute. The downgrade takes effect at the end of your billing cycle on November 30, so there is nothing to prorate.",
        ),
        customer("We don't use SSO. But we do have 14 seats at the moment; is that a problem?"),
        agent(
          "Starter allows at most 10 seats, so you'd need to remove 4 seats before November 30 or the downgrade will be blocked. You can do that in Settings → Billing → Seats.",
        ),
      ],
    },
    {
      number: 1007,
      subject: "Transfer workspace ownership from our former CEO",
      status: "pending",
      priority: "high",
      channel: "email",
      tags: ["account-ownership", "security"],
      customer: "omar@pixelforge.example",
      assignee: "supervisor",
      openedDaysAgo: 8,
      messages: [
        customer(
          "Our co-founder Lena Richter left Pixelforge Studio in October and her account is still the owner of our Cloudly workspace. She no longer has access to her pixelforge.example mailbox. I'm the CTO and need ownership moved to me so I can manage billing and SSO.",
        ),
        supervisor(
          "Hi Omar, we can help, but because ownership controls billing and security we need to verify the request. Please send a letter on company letterhead, signed by a current director, naming you as the new owner, and add the TXT record cloudly-verify=pf-83c1 to the pixelforge.example DNS.",
        ),
        customer(
          "The DNS record is in place and the signed letter from our director, Jonas Weber, is attached.",
        ),
        note(
          "DNS TXT verified at 11:42 UTC. Letter signed by Jonas Weber, listed as director in the company register. 7-day notice email sent to Lena's last known address per policy.",
        ),
        supervisor(
          "Thank you, both checks passed. As our policy requires, we've notified the current owner and will complete the transfer on November 19 if there's no objection.",
        ),
      ],
    },
    {
      number: 1008,
      subject: "Adding 15 seats mid-cycle: how is it billed?",
      status: "solved",
      priority: "normal",
      channel: "chat",
      tags: ["seats", "billing"],
      customer: "fatima.zahra@atlasfreight.example",
      assignee: "agent",
      openedDaysAgo: 13,
      messages: [
        customer(
          "Atlas Freight is onboarding the Houston dispatch team next week, so we need 15 more seats on our Growth plan. We're billed annually; will we be charged the full year for the new seats?",
        ),
        agent(
          "Hi Fatima, new seats are prorated to your renewal date, March 1. At $24 per seat per month, 15 seats for the remaining 3.5 months come to $1,260.00, invoiced when you add them.",
        ),
        customer(
          "Makes sense. I've added the 15 seats now. Can the invoice go to ap@atlasfreight.example instead of me?",
        ),
        agent(
          "Done: billing emails now go to ap@atlasfreight.example, and invoice INV-2026-11150 for $1,260.00 was sent there.",
        ),
      ],
    },
    {
      number: 1009,
      subject: "Add VAT number and PO to our invoices",
      status: "solved",
      priority: "low",
      channel: "email",
      tags: ["billing", "invoice", "vat"],
      customer: "petra.novak@meridianlegal.example",
      assignee: "agent",
      openedDaysAgo: 22,
      messages: [
        customer(
          "Our accounts team can't book your invoices without our VAT number CZ27082440 and purchase order PO-5581 on them. Could you add both and reissue the October invoice INV-2026-10311?",
        ),
        agent(
          "Hi Petra, I've added VAT number CZ27082440 and PO-5581 to your billing profile, so all future invoices will show them. The reissued October invoice is INV-2026-10311-R1 in the billing portal.",
        ),
        customer("Perfect, thank you."),
      ],
    },
    {
      number: 1010,
      subject: "Webhook signature verification fails",
      status: "open",
      priority: "normal",
      channel: "web",
      tags: ["api", "webhooks"],
      customer: "sam@quillstack.example",
      assignee: "agent",
      openedDaysAgo: 4,
      messages: [
        customer(
          "Our endpoint rejects every Cloudly webhook because the X-Cloudly-Signature header never matches. We compute HMAC-SHA256 of the JSON body with our webhook secret, following the docs. Delivery id for one failure: whk_d81f22.",
        ),
        agent(
          "Hi Sam, the signature is computed over the raw request body as received, not over re-serialized JSON. If your framework parses the body before you verify it, key order and whitespace change and the HMAC won't match.",
        ),
        customer(
          "We're on Express with express.json() in front of everything. How do I get the raw body there?",
        ),
        agent(
          "Use express.raw({ type: 'application/json' }) on the webhook route only, verify the signature over that Buffer, then JSON.parse it yourself. The header format is t=<timestamp>,v1=<hex signature>, and the signed string is '<timestamp>.<raw body>'.",
        ),
      ],
    },
    {
      number: 1011,
      subject: "Locked out: lost phone with 2FA app",
      status: "solved",
      priority: "high",
      channel: "email",
      tags: ["login", "2fa", "account"],
      customer: "lucy@greenleafdental.example",
      assignee: "agent",
      openedDaysAgo: 18,
      messages: [
        customer(
          "I lost my phone over the weekend and with it the authenticator app for Cloudly. I'm the only admin of the Greenleaf Dental workspace and can't find the backup codes. Our front desk needs me to add a new receptionist today.",
        ),
        agent(
          "Hi Lucy, we can reset two-factor authentication after verifying your identity. Please reply from your account email with the last 4 digits of the card on file and the amount of your most recent invoice.",
        ),
        customer("The card ends in 3318 and the last invoice was $96.00 on November 1."),
        note("Verified: card 3318, INV-2026-11003 $96.00. 2FA reset done; all sessions revoked."),
        agent(
          "Thank you, that matches. I've reset your two-factor authentication and signed out all sessions. Next time you sign in you'll be asked to set up 2FA again; please store the new backup codes somewhere safe.",
        ),
      ],
    },
    {
      number: 1012,
      subject: "API returns 500 internal_error for uploads over 100 MB",
      status: "open",
      priority: "high",
      channel: "email",
      tags: ["api", "errors", "uploads"],
      customer: "omar@pixelforge.example",
      assignee: "agent",
      openedDaysAgo: 3,
      messages: [
        customer(
          'Uploading render files larger than 100 MB with POST /v2/files fails with HTTP 500 and body {"error":"internal_error","request_id":"req_51ab77e0c3"}. Files under 100 MB work. Our render farm uploads about 200 files a day between 120 and 400 MB.',
        ),
        agent(
          "Hi Omar, files over 100 MB must use the multipart upload endpoints (POST /v2/uploads, then PUT each part, then complete). A direct upload should return 413, not 500, so the 500 is a bug on our side; I've reported it.",
        ),
        note("Reported as API-1187: single-part upload >100MB returns 500 instead of 413 payload_too_large."),
        customer("OK, we'll switch to multipart. What part size do you recommend?"),
        agent(
          "Parts must be between 5 MB and 100 MB; we recommend 32 MB parts and up to 4 parallel uploads per file.",
        ),
      ],
    },
    {
      number: 1013,
      subject: "Payment failed, workspace in grace period",
      status: "pending",
      priority: "high",
      channel: "email",
      tags: ["billing", "payment-failed"],
      customer: "victor@lumenanalytics.example",
      assignee: "agent",
      openedDaysAgo: 2,
      messages: [
        customer(
          "We got an email saying our payment of $336.00 for invoice INV-2026-11290 failed and the workspace will be read-only in 7 days. Our card was replaced by the bank after a fraud alert; the new card ends in 0275.",
        ),
        agent(
          "Hi Victor, once the new card is saved in Settings → Billing → Payment method, we retry the payment automatically within an hour and the grace period ends.",
        ),
        customer("I've added the card ending in 0275. The billing page still shows 'Payment overdue'."),
        note("Retry queued for 15:00 UTC. Stripe shows new card attached, no retry attempt yet."),
      ],
    },
    {
      number: 1014,
      subject: "SCIM doesn't remove users deactivated in Azure AD",
      status: "open",
      priority: "normal",
      channel: "web",
      tags: ["sso", "scim", "seats"],
      customer: "ingrid.solberg@nordlys.example",
      assignee: "agent",
      openedDaysAgo: 9,
      messages: [
        customer(
          "We deactivated three leavers in Azure AD on November 2, but they are still active in Cloudly and still take up seats. SCIM provisioning of new users works fine. Is deprovisioning supposed to be automatic?",
        ),
        agent(
          "Hi Ingrid, yes, deprovisioning is automatic. Azure sends a PATCH that sets active=false, which should deactivate the user within minutes. Could you check the Azure provisioning logs for those three users?",
        ),
        customer(
          "The Azure logs show 'Skipped: user not in scope' for all three. They were removed from the Cloudly group before they were deactivated.",
        ),
        agent(
          "That explains it: when a user leaves the assigned group first, Azure stops sending updates for them. Please deactivate the three users in Cloudly by hand (Settings → Members), and in future disable accounts before removing them from the group.",
        ),
      ],
    },
    {
      number: 1015,
      subject: "Sync outage for Tandem Health: SLA credit and root cause",
      status: "open",
      priority: "urgent",
      channel: "email",
      tags: ["outage", "sla-credit", "escalation", "billing"],
      customer: "ben.carter@tandemhealth.example",
      assignee: "agent",
      openedDaysAgo: 12,
      messages: [
        customer(
          "Since about 12:40 UTC, documents edited in our Boston office don't appear for the Dublin team. The desktop app shows 'Sync paused: conflict queue full (E-SYNC-509)' for roughly 60 of our 310 users. This is blocking our clinical operations handover.",
        ),
        agent(
          "Hi Ben, thanks for the quick report. I can see the conflict queue for your workspace ws_tandem at its limit of 50,000 items. I've escalated this to our sync engineering team as a priority.",
          35,
        ),
        note(
          "ws_tandem conflict queue 50,000/50,000. Started after the 12:30 deploy of sync service v4.18. Paged sync on-call.",
          5,
        ),
        customer(
          "Any update? It's now been almost six hours and more people are affected: about 110 users now.",
          180,
        ),
        agent(
          "Engineering found that release 4.18 of the sync service mis-detected conflicts for files with comments. They are rolling it back now; the rollback takes about 40 minutes.",
          20,
        ),
        system("Incident INC-2304 declared (SEV-2): sync conflicts for a subset of workspaces.", 3),
        agent(
          "The rollback is complete and the conflict queue is draining at about 4,000 items per minute. Users may have to restart the desktop app once.",
          55,
        ),
        customer(
          "Most people are syncing again, but 12 users now see duplicate files named '(conflicted copy)'. Which version is the right one?",
          90,
        ),
        agent(
          "The file without the suffix is the server's version. The '(conflicted copy)' files are the local edits from the affected window; they are safe to delete once the user has checked nothing is missing.",
          30,
        ),
        customer(
          "This outage lasted almost eight hours for a healthcare customer with a 99.95% SLA. I want to talk to someone senior about the credit and about how this will not happen again.",
          1500,
        ),
        system("Ticket escalated to the supervisor queue.", 1),
        supervisor(
          "Hi Ben, I'm Aisha, the support supervisor. I'm sorry for the disruption to your clinics. I've opened the SLA credit review and asked engineering for the root-cause analysis. I'll call you tomorrow at 15:00 UTC if that suits you.",
          45,
        ),
        customer(
          "15:00 UTC works. Please have the numbers ready: by my count we had 7 h 51 min of degraded service.",
          60,
        ),
        note(
          "Phone call held. Agreed degraded window 12:38–20:29 UTC (7 h 51 min). With INC-2291 (52 min on Nov 4) November uptime is 98.79%. Enterprise SLA: below 99.95% = 10% credit, below 99.5% = 25%.",
          1440,
        ),
        supervisor(
          "Thanks for the call today. As agreed, counting this incident and the 52-minute EU outage on November 4, November uptime for your workspace is 98.79%, below the 99.5% threshold, so you receive a 25% service credit: $2,325.00 of your $9,300.00 monthly fee, applied to the December invoice.",
          30,
        ),
        customer(
          "Thank you. When will we get the root-cause report? Our compliance officer needs it for the incident file.",
          240,
        ),
        supervisor(
          "The root-cause report for INC-2304 is due by November 18. In short: release 4.18 changed how comment threads are hashed, so unchanged files looked modified and flooded the conflict queue. We've added a canary stage for sync releases.",
          50,
        ),
        system("Credit note CN-2026-0322 for $2,325.00 created.", 2880),
        customer(
          "We received the report and the credit note. Can you confirm the credit shows on the December invoice as a separate line?",
          600,
        ),
        agent(
          "Yes: the December invoice will show 'SLA credit INC-2304 (CN-2026-0322): -$2,325.00' as a separate line, so your finance team can match it to the report.",
          90,
        ),
      ],
    },
    {
      number: 1016,
      subject: "Bought the annual plan by mistake, want a refund",
      status: "solved",
      priority: "normal",
      channel: "email",
      tags: ["refund", "billing", "plan-change"],
      customer: "lucy@greenleafdental.example",
      assignee: "supervisor",
      openedDaysAgo: 24,
      messages: [
        customer(
          "When I renewed yesterday I clicked the annual Starter plan instead of monthly. We were charged $1,152.00 for 8 seats for a year, which is way more than our practice can pay at once. Can you switch us back to monthly and refund the difference?",
        ),
        agent(
          "Hi Lucy, annual plans are refundable within 14 days of purchase, so that's possible. I've asked my supervisor to approve the refund because it's above my limit.",
        ),
        note("Refund $1,152 annual; charge monthly $96 (8 seats × $12). Needs supervisor approval (> $500)."),
        supervisor(
          "Hi Lucy, approved. We've refunded the $1,152.00 annual charge (refund reference re_3Q8x1102) and switched you to monthly billing at $96.00 per month, starting today.",
        ),
        customer("Thank you so much, that's a huge relief."),
      ],
    },
    {
      number: 1017,
      subject: "Export a single user's data for a subject access request",
      status: "pending",
      priority: "low",
      channel: "email",
      tags: ["data-export", "privacy", "gdpr"],
      customer: "grace.adeyemi@harborretail.example",
      assignee: "agent",
      openedDaysAgo: 10,
      messages: [
        customer(
          "A former employee has made a GDPR subject access request. We need everything Cloudly holds about her account (m.obrien@harborretail.example): profile, documents she owns, comments and sign-in history. Is there a way to export just one user?",
        ),
        agent(
          "Hi Grace, yes: in Settings → Privacy → Subject requests, choose 'Export user data' and enter the email. The export contains the profile, owned documents, comments and 12 months of sign-in history as JSON and the original files.",
        ),
        customer(
          "Does it include documents shared with her by others? Our DPO thinks those might be in scope too.",
        ),
        agent(
          "It includes documents she owns only. Documents others shared with her are listed by title and owner in a separate file, access.json, without their content, so you can decide with your DPO what to disclose.",
        ),
      ],
    },
    {
      number: 1018,
      subject: "429 errors on /v2/search break our TMS integration",
      status: "open",
      priority: "high",
      channel: "email",
      tags: ["api", "rate-limit", "escalation"],
      customer: "fatima.zahra@atlasfreight.example",
      assignee: "agent",
      openedDaysAgo: 2,
      messages: [
        customer(
          "Our transport management system calls GET /v2/search for every shipment update, and since Monday we get HTTP 429 rate_limit_exceeded with Retry-After: 60 during peak hours (07:00–09:00 CT). We're on Growth and send about 450 requests per minute at peak.",
        ),
        agent(
          "Hi Fatima, the search endpoint has its own limit of 300 requests per minute on Growth, separate from the general 600. At 450 per minute the peak traffic goes over it.",
        ),
        customer(
          "That limit isn't in your documentation. I'd like to talk to someone on your engineering side, a real person who can raise our limit, because our dispatchers are blind for two hours every morning.",
        ),
        note(
          "Search limit 300/min on Growth is documented only in the changelog (Oct 28). Temporary raise to 600/min possible with supervisor approval for 30 days.",
        ),
        agent(
          "You're right that the limit should be in the main documentation, and I've asked for that to be fixed. I've asked my supervisor to approve a temporary raise of your search limit to 600 requests per minute for 30 days, and I'll set up a call with our integrations engineer.",
        ),
      ],
    },
    {
      number: 1019,
      subject: "Audit log is missing file-access events for a legal hold",
      status: "open",
      priority: "normal",
      channel: "email",
      tags: ["audit-log", "compliance"],
      customer: "petra.novak@meridianlegal.example",
      assignee: "agent",
      openedDaysAgo: 6,
      messages: [
        customer(
          "For a legal hold we need to show who opened the folder 'Client 2291 – Settlement' between September 1 and October 15. The audit log only shows edits and shares, no views. We're on the Starter plan.",
        ),
        agent(
          "Hi Petra, on Starter the audit log keeps 30 days of edit and sharing events; view events and 1-year retention are part of Growth and Enterprise. For September and early October we unfortunately don't have view events for your workspace.",
        ),
        customer("That's a serious problem for us. Is there really nothing in your server logs?"),
        note(
          "Legal asked: raw access logs are kept 90 days for security only, not for customer disclosure without a court order. Escalate to legal@ if customer insists.",
        ),
        agent(
          "Our infrastructure logs are kept for security purposes and can only be disclosed under a court order. If Meridian Legal obtains one, our legal team will respond to it. I can also upgrade you to Growth now so that view events are recorded from today.",
        ),
      ],
    },
    {
      number: 1020,
      subject: "Email notifications delayed by 40 minutes",
      status: "solved",
      priority: "normal",
      channel: "chat",
      tags: ["notifications", "incident"],
      customer: "grace.adeyemi@harborretail.example",
      assignee: "agent",
      openedDaysAgo: 15,
      messages: [
        customer(
          "Approval request emails from Cloudly are arriving 30 to 40 minutes late today. Our store managers rely on them to approve weekend staffing before 14:00.",
        ),
        agent(
          "Hi Grace, we're seeing a backlog at our email provider since 11:20 UTC; it's listed on the status page as INC-2297. In-app notifications are not affected if your managers can check the bell icon meanwhile.",
        ),
        customer("OK, I've told the managers. Please let me know when it's fixed."),
        agent(
          "The email backlog cleared at 13:05 UTC and new notifications are arriving within a minute again.",
        ),
      ],
    },
    {
      number: 1021,
      subject: "Switch invoice currency from USD to EUR",
      status: "closed",
      priority: "low",
      channel: "email",
      tags: ["billing", "invoice", "currency"],
      customer: "ingrid.solberg@nordlys.example",
      assignee: "agent",
      openedDaysAgo: 27,
      messages: [
        customer(
          "Could Nordlys Arkitekter be billed in EUR instead of USD from the next renewal? Our bank charges us a 2.5% conversion fee on every invoice.",
        ),
        agent(
          "Hi Ingrid, yes. We can bill in EUR from your next renewal on January 15. The Growth price in EUR is €22 per seat per month; for your 46 seats that's €1,012.00 per month.",
        ),
        customer("Please go ahead."),
        agent(
          "Done: your billing currency is set to EUR from January 15, and you'll get a confirmation email from our billing system.",
        ),
      ],
    },
    {
      number: 1022,
      subject: "API key committed to a public GitHub repository",
      status: "solved",
      priority: "urgent",
      channel: "phone",
      tags: ["api", "security", "incident"],
      customer: "sam@quillstack.example",
      assignee: "supervisor",
      openedDaysAgo: 11,
      messages: [
        note(
          "Phone call from Sam Whitaker at 21:15 UTC: a Quillstack developer pushed a production API key (prefix ck_live_7d2) to a public GitHub repository about 2 hours ago. GitHub secret scanning also notified us.",
        ),
        supervisor(
          "Hi Sam, following up on our call: the key ck_live_7d2… was revoked at 21:19 UTC. The audit log shows 3 requests with that key from an unknown IP, 185.220.101.4, all GET /v2/workspace and all returning 403 because the key lacked admin scope.",
        ),
        customer(
          "Thanks for acting so fast. We've created a new key and removed the old one from the repository history. Can you send the audit log entries for the incident file?",
        ),
        supervisor(
          "The CSV export of those 3 events is attached. No documents were read or changed with the leaked key.",
        ),
      ],
    },
    {
      number: 1023,
      subject: "Security questionnaire and SOC 2 report",
      status: "closed",
      priority: "low",
      channel: "email",
      tags: ["security", "compliance"],
      customer: "rachel.kim@brightpath.example",
      assignee: "agent",
      openedDaysAgo: 25,
      messages: [
        customer(
          "Our vendor-risk team needs Cloudly's latest SOC 2 Type II report and answers to their 84-question security questionnaire before we renew in February.",
        ),
        agent(
          "Hi Rachel, the SOC 2 Type II report for the period ending June 30 is available under NDA from our Trust Center. Most of the questionnaire is answered by our CAIQ document, which I've attached; send us any questions it doesn't cover.",
        ),
        customer("Got it. The NDA is signed, and our team will come back with the remaining questions."),
      ],
    },
    {
      number: 1024,
      subject: "Remove a departed admin and reassign their documents",
      status: "open",
      priority: "normal",
      channel: "web",
      tags: ["seats", "account"],
      customer: "victor@lumenanalytics.example",
      assignee: null,
      openedDaysAgo: 1,
      messages: [
        customer(
          "Our data engineer Priya left Lumen Analytics last Friday. She was an admin and owns about 120 documents, including our client dashboards. How do I remove her without losing those documents?",
        ),
        system(
          "Auto-reply sent: 'Thanks for contacting Cloudly support. We usually respond within 4 business hours.'",
        ),
        customer(
          "To add: we'd like her documents to go to me, and her seat removed so we get down to 10 seats for the Starter downgrade.",
        ),
      ],
    },
  ],
  articles: [
    {
      slug: "plans-and-pricing",
      title: "Plans and pricing",
      tier: "public",
      tags: ["billing", "plans"],
      body: `Starter: $12 per seat per month, up to 10 seats, 30-day audit log, API limit 120 requests per minute.
Growth: $24 per seat per month, SAML SSO and SCIM, 1-year audit log including view events, API limit 600 requests per minute.
Enterprise: custom pricing, 99.95% uptime SLA with service credits, data residency (US or EU), dedicated support.

Annual billing saves 20%. Annual plans can be refunded within 14 days of purchase.`,
    },
    {
      slug: "seats-and-proration",
      title: "Adding and removing seats",
      tier: "public",
      tags: ["seats", "billing"],
      body: `Add or remove seats in Settings → Billing → Seats. Added seats are prorated to your renewal date and invoiced immediately. Removed seats are credited at the next invoice.

Deactivating a member frees their seat for someone else, but does not lower the number of seats you pay for. To pay for fewer seats, lower the seat count as well.`,
    },
    {
      slug: "downgrading-your-plan",
      title: "Downgrading your plan",
      tier: "public",
      tags: ["plan-change", "downgrade", "billing"],
      body: `Downgrades take effect at the end of the current billing cycle; there is no partial refund for the current cycle.

Moving from Growth to Starter turns off SAML SSO and SCIM (members sign in with email and password), shortens the audit log to 30 days and lowers the API limit to 120 requests per minute. Starter allows at most 10 seats: remove extra seats before the end of the cycle or the downgrade is blocked.`,
    },
    {
      slug: "saml-sso-setup-and-errors",
      title: "SAML SSO: setup and error codes",
      tier: "public",
      tags: ["sso", "saml", "login"],
      body: `Set up SSO in Settings → Security → SAML. The Audience URI (SP entity id) is https://app.cloudly.example/saml/<workspace id>, and the ACS URL is https://app.cloudly.example/saml/<workspace id>/acs.

Common errors:
- E-SSO-104 Audience mismatch: the Audience URI in your identity provider differs from the one above.
- E-SSO-112 Signature invalid: upload the identity provider's new signing certificate after a rotation.
- E-SSO-120 Clock skew: the identity provider's clock is more than 3 minutes off.

Workspace owners can always sign in with email and password at /login?sso=0, so a broken SSO setup can be fixed.`,
    },
    {
      slug: "api-rate-limits",
      title: "API rate limits",
      tier: "public",
      tags: ["api", "rate-limit"],
      body: `Limits per API key: Starter 120 requests per minute (bursts up to 300), Growth 600, Enterprise 3,000. The search endpoint (/v2/search) has its own limit: 60, 300 and 1,500 requests per minute respectively.

When you exceed a limit the API answers HTTP 429 with error code rate_limit_exceeded and a Retry-After header in seconds. Back off for that long, and spread batch jobs over time. After a plan change, create a new API key to get the new limits.`,
    },
    {
      slug: "exporting-your-data",
      title: "Exporting your workspace data",
      tier: "public",
      tags: ["data-export", "compliance"],
      body: `Owners can export the whole workspace in Settings → Privacy → Export. The export contains all documents in their original format, comments as JSON and, on Growth and Enterprise, the audit log as CSV. Download links are valid for 7 days.

Large workspaces can take several hours. To export a single person's data (for example for a GDPR subject access request), use Settings → Privacy → Subject requests.`,
    },
    {
      slug: "transferring-workspace-ownership",
      title: "Transferring workspace ownership",
      tier: "public",
      tags: ["account-ownership", "security"],
      body: `The current owner can transfer ownership to another admin in Settings → Members → Transfer ownership.

If the owner has left and cannot do it, contact support. For security we need a letter on company letterhead signed by a director and a DNS TXT record proving control of your email domain. We notify the current owner and complete the transfer after 7 days if there is no objection.`,
    },
    {
      slug: "invoices-vat-and-purchase-orders",
      title: "Invoices, VAT numbers and purchase orders",
      tier: "public",
      tags: ["billing", "invoice", "vat"],
      body: `Invoices are in Settings → Billing → Invoices. Add your VAT number, purchase order number and billing email in the billing profile; they appear on every future invoice. Support can reissue past invoices with corrected details.

We bill in USD by default; EUR and GBP are available from the next renewal. If a payment fails, the workspace has a 7-day grace period before it becomes read-only; we retry within an hour of a new card being added.`,
    },
    {
      slug: "incident-response-and-sla-credits",
      title: "Incident response and SLA credits",
      tier: "internal",
      tags: ["outage", "incident", "sla-credit"],
      body: `Severity: SEV-1 = a region or core feature down for everyone; SEV-2 = degraded for a subset of workspaces; SEV-3 = minor. For SEV-1 and SEV-2 declare an incident, update the status page within 15 minutes and tell the customer the incident number.

Enterprise SLA credits are calculated on monthly uptime per workspace: below 99.95% gives 10% of the monthly fee, below 99.5% gives 25%. Credits are applied to the next invoice as a separate line. Supervisors approve SLA credits; the root-cause report is due within 5 business days.`,
    },
    {
      slug: "ownership-transfer-verification",
      title: "Ownership transfers: verification checklist",
      tier: "internal",
      tags: ["account-ownership", "security"],
      body: `Never transfer ownership on the strength of an email alone. Required: (1) a signed letter from a director listed in the company register, (2) the DNS TXT record cloudly-verify=<code> on the workspace's email domain, (3) a 7-day notice to the current owner's last known address.

Only supervisors may complete a transfer. Record each check and its evidence as an internal note on the ticket.`,
    },
    {
      slug: "refund-and-credit-approvals",
      title: "Refunds, credits and limit raises: who approves",
      tier: "internal",
      tags: ["refund", "billing", "approvals"],
      body: `Agents may issue credits and refunds up to $500 per ticket; supervisors up to $5,000; above that, the finance lead.

Temporary API limit raises (up to 2× for 30 days) need supervisor approval and a note of the customer's expected peak traffic. Permanent changes go through the account manager.`,
    },
  ],
};
