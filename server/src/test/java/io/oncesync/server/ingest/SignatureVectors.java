package io.oncesync.server.ingest;

import java.nio.charset.StandardCharsets;

/**
 * The signature test vectors of OnceHub's scheme, re-typed: secret, header and the exact signed body (UTF-8,
 * 2-space pretty-printed, no trailing newline). The second body is full of non-ASCII text, so it only verifies when
 * the receiver signs the raw bytes rather than a re-encoded or re-serialised body.
 */
final class SignatureVectors {
    static final WebhookSecret SECRET = new WebhookSecret("0123456789abcdef0123456789abcdef");

    static final String FULL_FORM_HEADER =
            "t=1778594603,s=535dd0e0f16561e50fbbd1c50f2c9d3ac65f0248b10986d2e2e27b707406829b";
    static final int FULL_FORM_LENGTH = 2853;

    static final String UNICODE_HEADER =
            "t=1779671643,s=5c4323f3d576a855c3c6bb256ac24b788b7667ce81a7fee806913a51484069db";
    static final int UNICODE_LENGTH = 3651;

    private SignatureVectors() {
    }

    static byte[] fullFormBody() {
        return FULL_FORM.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] unicodeBody() {
        return UNICODE.getBytes(StandardCharsets.UTF_8);
    }

    // The bodies start at column 0 so the text block keeps their indentation byte for byte.
    private static final String FULL_FORM = """
{
  "id": "EVNT-7QK2M9XH4D",
  "object": "event",
  "creation_time": "2026-05-12T14:03:22.118Z",
  "type": "booking.scheduled",
  "api_version": "v2",
  "data": {
    "object": "booking",
    "id": "BKNG-4TR8WQ2LZ6KP",
    "tracking_id": "F71C0A93",
    "subject": "Product demo with Acme Sales",
    "status": "scheduled",
    "in_trash": false,
    "creation_time": "2026-05-12T14:03:21.507Z",
    "starting_time": "2026-05-19T15:30:00.000Z",
    "customer_timezone": "America/Chicago",
    "last_updated_time": "2026-05-12T14:03:21.764Z",
    "owner": "USR-8HD2K4N7QS",
    "duration_minutes": 45,
    "virtual_conferencing": {
      "join_url": "https://zoom.us/j/93812047561"
    },
    "location_description": "",
    "rescheduled_booking_id": null,
    "cancel_reschedule_url": "https://oncehub.com/m/BKNG-4TR8WQ2LZ6KP",
    "cancel_reschedule_information": null,
    "attendees": [
      "dana.reyes@acme-sales.example",
      "jordan.blake@northwind.example",
      "priya.shah@northwind.example"
    ],
    "form_submission": {
      "name": "Jordan Blake",
      "email": "jordan.blake@northwind.example",
      "phone": "+13125550148",
      "mobile_phone": "+13125550199",
      "note": "We're evaluating tools for a 40-person SDR team. Please cover the Salesforce sync.",
      "company": "Northwind Traders",
      "guests": [
        "priya.shah@northwind.example"
      ],
      "custom_fields": [
        {
          "name": "job_title",
          "value": "VP Revenue Operations"
        },
        {
          "name": "company_size",
          "value": "201-500"
        },
        {
          "name": "products_of_interest",
          "value": [
            "Routing Forms",
            "Booking Calendars"
          ]
        },
        {
          "name": "lead_source",
          "value": "Google Ads"
        },
        {
          "name": "sfdc_lead_id",
          "value": "00Q5g00000AbCdEEAZ"
        },
        {
          "name": "accepts_marketing",
          "value": true
        }
      ]
    },
    "booking_page": null,
    "master_page": null,
    "event_type": null,
    "external_calendar": {
      "type": "google",
      "name": "dana.reyes@acme-sales.example",
      "id": "dana.reyes@acme-sales.example",
      "event_id": "3hq9v0m2lcd8f1k7t5r6p4s2ab"
    },
    "conversation": null,
    "ics_url": "https://oncehub.com/api/bookings/ics/7c1e5a90-3b2d-4f8e-9a61-0d4c2b7e9f13-axs02k",
    "booking_calendar": "BKC-2WX7LM5RTQ",
    "cancel_url": "https://oncehub.com/m/BKNG-4TR8WQ2LZ6KP/cancel",
    "reschedule_url": "https://oncehub.com/m/BKNG-4TR8WQ2LZ6KP",
    "payment_information": null,
    "custom_fields": [
      {
        "name": "meeting_goal",
        "value": "Evaluate Salesforce integration"
      },
      {
        "name": "campaign_code",
        "value": "spring-2026-ppc"
      }
    ]
  }
}""";

    private static final String UNICODE = """
{
  "id": "EVNT-2NQ5Z9LW4K",
  "object": "event",
  "creation_time": "2026-05-25T01:14:02.701Z",
  "type": "booking.scheduled",
  "api_version": "v2",
  "data": {
    "object": "booking",
    "id": "BKNG-5JW8QC3NX1VR",
    "tracking_id": "E3B81F06",
    "subject": "Démo produit — équipe Études 🚀",
    "status": "scheduled",
    "in_trash": false,
    "creation_time": "2026-05-25T01:14:01.905Z",
    "starting_time": "2026-05-27T00:30:00.000Z",
    "customer_timezone": "Asia/Tokyo",
    "last_updated_time": "2026-05-25T01:14:02.118Z",
    "owner": "USR-2KX6P9R4MT",
    "duration_minutes": 60,
    "virtual_conferencing": {
      "join_url": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZTk4"
    },
    "location_description": "",
    "rescheduled_booking_id": null,
    "cancel_reschedule_url": "https://oncehub.com/m/BKNG-5JW8QC3NX1VR",
    "cancel_reschedule_information": null,
    "attendees": [
      "yuki.tanaka@acme-sales.example",
      "zoe.nunez@societe-etudes.example",
      "li.na@societe-etudes.example"
    ],
    "form_submission": {
      "name": "Zoë Ñúñez-Ødegård",
      "email": "zoe.nunez@societe-etudes.example",
      "phone": "+33 1 42 68 53 00",
      "mobile_phone": "+81 90-1234-5678",
      "note": "Merci ! Nous voudrions voir l'intégration Salesforce. 日本語のサポートはありますか？ 🙏",
      "company": "Société d'Études Ñandú GmbH & Co. KG",
      "guests": [
        "li.na@societe-etudes.example"
      ],
      "custom_fields": [
        {
          "name": "job_title",
          "value": "Directrice générale"
        },
        {
          "name": "preferred_name_local_script",
          "value": "李娜 / Λίνα / لينا"
        },
        {
          "name": "city",
          "value": "Zürich"
        },
        {
          "name": "notes_rtl",
          "value": "نود مناقشة التكامل مع Salesforce"
        }
      ]
    },
    "external_calendar": {
      "type": "office_365",
      "name": "yuki.tanaka@acme-sales.example",
      "id": "yuki.tanaka@acme-sales.example",
      "event_id": "AAMkADk3NTQ4ZjUwLTc2YTgtNDk="
    },
    "conversation": {
      "object": "conversation",
      "id": "CVR-7HN3V8PD1Q",
      "creation_time": "2026-05-25T01:10:44.000Z",
      "initiated_by": "contact",
      "last_updated_time": "2026-05-25T01:14:02.337Z",
      "last_interacted_time": "2026-05-25T01:14:02.337Z",
      "contact": "CTC-5YB2MX8KQ4NJ",
      "owner": "USR-2KX6P9R4MT",
      "status": "started",
      "bot": "BOT-9A4C2E7F10",
      "website": "WEB-2A7F9C41E6",
      "audience": null,
      "answers": [
        {
          "id": "INT-6B1E9D42F8",
          "internal_label": "full_name",
          "question": "お名前を教えてください",
          "value": "Zoë Ñúñez-Ødegård"
        },
        {
          "id": "INT-4C8A2F71E3",
          "internal_label": "work_email",
          "question": "メールアドレス",
          "value": "zoe.nunez@societe-etudes.example"
        }
      ],
      "bookings": [
        "BKNG-5JW8QC3NX1VR"
      ]
    },
    "ics_url": "https://oncehub.com/api/bookings/ics/5b2e8c71-9d40-4a6f-b1c3-7e0f2d9a4b65-axs02k",
    "booking_calendar": "BKC-7LC3QW9ZRN",
    "cancel_url": "https://oncehub.com/m/BKNG-5JW8QC3NX1VR/cancel",
    "reschedule_url": "https://oncehub.com/m/BKNG-5JW8QC3NX1VR",
    "payment_information": {
      "amount_charged": 15000,
      "currency": "JPY",
      "transaction_id": "ch_3PqR8sT2uV4wX6yZ1aB2cD3e"
    },
    "custom_fields": [
      {
        "name": "meeting_language",
        "value": "Français"
      }
    ]
  }
}""";
}
