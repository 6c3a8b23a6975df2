package uk.clubreg.app;

import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;

/** Hands each job to its handler; the switch is exhaustive, so a new job type cannot go unhandled. */
final class JobRunner implements JobHandler<Job> {

    private final JobHandler<Job.SendInvitation> sendInvitation;
    private final JobHandler<Job.InboundMessage> inboundMessage;
    private final JobHandler<Job.ResendAsTemplate> resendAsTemplate;
    private final JobHandler<Job.SendReminder> sendReminder;
    private final JobHandler<Job.HandOffNotice> handOffNotice;
    private final JobHandler<Job.ResumeConversation> resumeConversation;
    private final JobHandler<Job.CompletionNotice> completionNotice;
    private final JobHandler<Job.TeamSummary> teamSummary;

    JobRunner(JobHandler<Job.SendInvitation> sendInvitation, JobHandler<Job.InboundMessage> inboundMessage,
              JobHandler<Job.ResendAsTemplate> resendAsTemplate, JobHandler<Job.SendReminder> sendReminder,
              JobHandler<Job.HandOffNotice> handOffNotice, JobHandler<Job.ResumeConversation> resumeConversation,
              JobHandler<Job.CompletionNotice> completionNotice, JobHandler<Job.TeamSummary> teamSummary) {
        this.sendInvitation = sendInvitation;
        this.inboundMessage = inboundMessage;
        this.resendAsTemplate = resendAsTemplate;
        this.sendReminder = sendReminder;
        this.handOffNotice = handOffNotice;
        this.resumeConversation = resumeConversation;
        this.completionNotice = completionNotice;
        this.teamSummary = teamSummary;
    }

    @Override
    public void handle(Job job) {
        switch (job) {
            case Job.SendInvitation send -> sendInvitation.handle(send);
            case Job.InboundMessage inbound -> inboundMessage.handle(inbound);
            case Job.ResendAsTemplate resend -> resendAsTemplate.handle(resend);
            case Job.SendReminder reminder -> sendReminder.handle(reminder);
            case Job.HandOffNotice notice -> handOffNotice.handle(notice);
            case Job.ResumeConversation resume -> resumeConversation.handle(resume);
            case Job.CompletionNotice completed -> completionNotice.handle(completed);
            case Job.TeamSummary summary -> teamSummary.handle(summary);
        }
    }
}
